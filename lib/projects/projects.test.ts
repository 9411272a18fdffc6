import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, projectMembers } from "@/db/schema";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { memberContextOf, onPlan, signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { loadProjectContext } from "./project-context";
import { grantableProjects, grantProjects, listMemberProjects } from "./member-projects";
import { addProjectMember, removeProjectMember } from "./project-members";
import {
  createProject,
  defaultProjectKey,
  deleteProject,
  listProjects,
  listSomeProjects,
  PROJECT_KEY_TAKEN,
  PROJECTS_PER_PAGE,
  setProjectArchived,
} from "./projects";

const t = testDatabase();
const meta = NO_REQUEST_META;

/** An account (its owner's context) with a guest and an admin added. */
async function accountWithPeople() {
  const owner = await signUp(t.db, { name: "Owner" });
  const shortName = owner.account.shortName;
  const join = async (role: "admin" | "member" | "guest", name: string) => {
    const person = await signUp(t.db, { name });
    await t.db.insert(memberships).values({ accountId: owner.account.id, userId: person.user.id, role });
    return { ...person, ctx: await memberContextOf(t.db, person.user, shortName) };
  };
  return {
    owner: await memberContextOf(t.db, owner.user, shortName),
    admin: await join("admin", "Admin"),
    member: await join("member", "Member"),
    guest: await join("guest", "Guest"),
  };
}

describe("projects", () => {
  it("a new account starts with one project, named after it, managed by its creator", async () => {
    const { owner } = await accountWithPeople();
    const { rows } = await listProjects(t.db, owner);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: owner.account.displayName,
      key: defaultProjectKey(owner.account.shortName),
    });
    const ctx = await loadProjectContext(t.db, owner, rows[0]!.key);
    expect(ctx?.projectRole).toBe("manager");
  });

  it("people see only the projects they were given; those who manage projects see all", async () => {
    const { owner, admin, member, guest } = await accountWithPeople();
    const project = await createProject(
      t.db,
      member.ctx,
      { name: "Website", key: "web", description: "" },
      meta,
    );
    expect(project.key).toBe("WEB");
    // The creator manages it; the admin sees it without a grant; the guest cannot find it.
    expect((await loadProjectContext(t.db, member.ctx, "WEB"))?.projectRole).toBe("manager");
    expect((await loadProjectContext(t.db, admin.ctx, "WEB"))?.capabilities.has("administer")).toBe(true);
    expect(await loadProjectContext(t.db, guest.ctx, "WEB")).toBeNull();
    expect((await listProjects(t.db, guest.ctx)).rows).toEqual([]);
    expect((await listProjects(t.db, owner)).rows.map((r) => r.key)).toContain("WEB");

    // Given Viewer access, the guest sees it, and may not change who has access.
    const managerCtx = (await loadProjectContext(t.db, member.ctx, "WEB"))!;
    await addProjectMember(t.db, managerCtx, { email: guest.email, role: "viewer" }, meta);
    const guestCtx = (await loadProjectContext(t.db, guest.ctx, "WEB"))!;
    expect([...guestCtx.capabilities]).toEqual(["view"]);
    await expect(
      addProjectMember(t.db, guestCtx, { email: admin.email, role: "viewer" }, meta),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect((await listProjects(t.db, guest.ctx)).rows.map((r) => r.key)).toEqual(["WEB"]);

    await removeProjectMember(t.db, managerCtx, guest.ctx.membership.id, meta);
    expect(await loadProjectContext(t.db, guest.ctx, "WEB")).toBeNull();
  });

  it("a key is unique in its account, whatever its case", async () => {
    const { owner } = await accountWithPeople();
    await createProject(t.db, owner, { name: "One", key: "APP", description: "" }, meta);
    await expect(
      createProject(t.db, owner, { name: "Two", key: "app", description: "" }, meta),
    ).rejects.toMatchObject({
      message: PROJECT_KEY_TAKEN,
      field: "key",
    });
    // Another account may use the same key.
    const other = await accountWithPeople();
    await expect(
      createProject(t.db, other.owner, { name: "Its own", key: "APP", description: "" }, meta),
    ).resolves.toBeTruthy();
  });

  it("a grant can never point at another account's membership", async () => {
    const here = await accountWithPeople();
    const there = await accountWithPeople();
    const project = await createProject(
      t.db,
      here.owner,
      { name: "Secret", key: "SEC", description: "" },
      meta,
    );
    await expect(
      t.db.insert(projectMembers).values({
        accountId: here.owner.account.id,
        projectId: project.id,
        membershipId: there.member.ctx.membership.id,
        role: "viewer",
      }),
    ).rejects.toThrow();
    const managerCtx = (await loadProjectContext(t.db, here.owner, "SEC"))!;
    await expect(
      addProjectMember(t.db, managerCtx, { email: there.member.email, role: "viewer" }, meta),
    ).rejects.toMatchObject({ field: "email" });
  });

  it("removing a member from the account removes their project access", async () => {
    const { owner, member } = await accountWithPeople();
    const project = await createProject(t.db, owner, { name: "Ops", key: "OPS", description: "" }, meta);
    const ctx = (await loadProjectContext(t.db, owner, "OPS"))!;
    await addProjectMember(t.db, ctx, { email: member.email, role: "editor" }, meta);
    await t.db.delete(memberships).where(eq(memberships.id, member.ctx.membership.id));
    const grants = await t.db.select().from(projectMembers).where(eq(projectMembers.projectId, project.id));
    expect(grants.map((g) => g.membershipId)).toEqual([owner.membership.id]);
  });

  it("deleting takes the project's exact name", async () => {
    const { owner } = await accountWithPeople();
    await createProject(t.db, owner, { name: "Old site", key: "OLD", description: "" }, meta);
    const ctx = (await loadProjectContext(t.db, owner, "OLD"))!;
    await expect(deleteProject(t.db, ctx, "Old", meta)).rejects.toMatchObject({ field: "confirmName" });
    await deleteProject(t.db, ctx, "Old site", meta);
    expect(await loadProjectContext(t.db, owner, "OLD")).toBeNull();
  });

  it("grants several projects in one step, all or nothing", async () => {
    const { owner, member, guest } = await accountWithPeople();
    await onPlan(t.db, owner.account.id, "team");
    await createProject(t.db, owner, { name: "Alpha", key: "ALPHA", description: "" }, meta);
    await createProject(t.db, owner, { name: "Beta", key: "BETA", description: "" }, meta);
    const mine = await createProject(t.db, member.ctx, { name: "Mine", key: "MINE", description: "" }, meta);
    expect(mine.key).toBe("MINE");
    // The member manages only their own project. Alpha they cannot see: it looks absent. Beta
    // they only view: refused. Either way nothing is granted.
    await expect(
      grantProjects(
        t.db,
        member.ctx,
        { membershipId: guest.ctx.membership.id, projectKeys: ["MINE", "ALPHA"], role: "viewer" },
        meta,
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    const beta = (await loadProjectContext(t.db, owner, "BETA"))!;
    await addProjectMember(t.db, beta, { email: member.email, role: "viewer" }, meta);
    await expect(
      grantProjects(
        t.db,
        member.ctx,
        { membershipId: guest.ctx.membership.id, projectKeys: ["MINE", "BETA"], role: "viewer" },
        meta,
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await listMemberProjects(t.db, owner, guest.ctx.membership.id)).toEqual([]);
    expect((await grantableProjects(t.db, member.ctx, guest.ctx.membership.id)).map((p) => p.key)).toEqual([
      "MINE",
    ]);

    const { granted } = await grantProjects(
      t.db,
      owner,
      { membershipId: guest.ctx.membership.id, projectKeys: ["alpha", "BETA"], role: "editor" },
      meta,
    );
    expect(granted).toBe(2);
    const projects = await listMemberProjects(t.db, owner, guest.ctx.membership.id);
    expect(projects.map((p) => [p.key, p.role])).toEqual([
      ["ALPHA", "editor"],
      ["BETA", "editor"],
    ]);
    // What the member may see of the guest's projects: only Beta, the one they view too.
    expect((await listMemberProjects(t.db, member.ctx, guest.ctx.membership.id)).map((p) => p.key)).toEqual([
      "BETA",
    ]);
  });

  it("archiving hides a project from the default list, the archived view shows it, unarchiving brings it back", async () => {
    const { owner, admin, member } = await accountWithPeople();
    await createProject(t.db, owner, { name: "Old site", key: "OLD", description: "" }, meta);
    const ctx = (await loadProjectContext(t.db, owner, "OLD"))!;
    await addProjectMember(t.db, ctx, { email: member.email, role: "editor" }, meta);
    const keys = async (who: typeof owner, archived: boolean) =>
      (await listProjects(t.db, who, { archived })).rows.map((r) => r.key);
    const defaultKey = defaultProjectKey(owner.account.shortName);

    // Only those who manage every project archive.
    const memberCtx = (await loadProjectContext(t.db, member.ctx, "OLD"))!;
    await expect(setProjectArchived(t.db, memberCtx, true, meta)).rejects.toMatchObject({
      code: "forbidden",
    });

    await setProjectArchived(t.db, ctx, true, meta);
    expect(await keys(owner, false)).toEqual([defaultKey]);
    expect(await keys(owner, true)).toEqual(["OLD"]);
    // For everyone who can see it, and the project itself stays reachable (nothing is lost).
    expect(await keys(member.ctx, false)).toEqual([]);
    expect(await keys(member.ctx, true)).toEqual(["OLD"]);
    expect(await keys(admin.ctx, true)).toEqual(["OLD"]);
    expect((await loadProjectContext(t.db, member.ctx, "OLD"))?.project.archivedAt).toBeInstanceOf(Date);
    expect((await listSomeProjects(t.db, member.ctx)).projects).toEqual([]);

    // Archiving twice changes nothing.
    const archived = (await loadProjectContext(t.db, owner, "OLD"))!;
    await setProjectArchived(t.db, archived, true, meta);
    expect(await keys(owner, true)).toEqual(["OLD"]);

    await setProjectArchived(t.db, archived, false, meta);
    expect((await loadProjectContext(t.db, owner, "OLD"))?.project.archivedAt).toBeNull();
    expect((await keys(owner, false)).sort()).toEqual([defaultKey, "OLD"].sort());
    expect(await keys(owner, true)).toEqual([]);
    expect(await keys(member.ctx, false)).toEqual(["OLD"]);
  });

  it("the list searches by name or key and pages on the server, within what the member can see", async () => {
    const { owner, guest } = await accountWithPeople();
    await onPlan(t.db, owner.account.id, "business");
    // With the account's first project: PROJECTS_PER_PAGE + 6 in all.
    for (let i = 1; i <= PROJECTS_PER_PAGE + 5; i++) {
      const n = String(i).padStart(2, "0");
      await createProject(t.db, owner, { name: `Project ${n}`, key: `P${n}`, description: "" }, meta);
    }
    const first = await listProjects(t.db, owner);
    expect(first).toMatchObject({ total: PROJECTS_PER_PAGE + 6, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(PROJECTS_PER_PAGE);
    const second = await listProjects(t.db, owner, { page: 2 });
    expect(second.rows).toHaveLength(6);
    // Together the pages hold every project once.
    expect(new Set([...first.rows, ...second.rows].map((r) => r.key)).size).toBe(PROJECTS_PER_PAGE + 6);
    expect(second.total).toBe(PROJECTS_PER_PAGE + 6);
    // Past the last page (an old link) there is no row to carry the total: it is counted alone.
    expect(await listProjects(t.db, owner, { page: 3 })).toMatchObject({
      rows: [],
      total: PROJECTS_PER_PAGE + 6,
      pageCount: 2,
    });

    // By name or key, whatever the case; LIKE's wildcards are plain characters.
    expect((await listProjects(t.db, owner, { q: "project 1" })).rows.map((r) => r.key)).toEqual([
      "P10",
      "P11",
      "P12",
      "P13",
      "P14",
      "P15",
      "P16",
      "P17",
      "P18",
      "P19",
    ]);
    expect((await listProjects(t.db, owner, { q: "p07" })).rows.map((r) => r.key)).toEqual(["P07"]);
    expect((await listProjects(t.db, owner, { q: "%" })).total).toBe(0);
    expect((await listProjects(t.db, owner, { q: "_" })).total).toBe(0);
    const searched = await listProjects(t.db, owner, { q: "Project", page: 2 });
    expect(searched).toMatchObject({ total: PROJECTS_PER_PAGE + 5, pageCount: 2 });
    expect(searched.rows).toHaveLength(5);

    // The guest, given one of them, finds only that one.
    const p12 = (await loadProjectContext(t.db, owner, "P12"))!;
    await addProjectMember(t.db, p12, { email: guest.email, role: "viewer" }, meta);
    expect((await listProjects(t.db, guest.ctx, { q: "project" })).rows.map((r) => r.key)).toEqual(["P12"]);
    expect((await listProjects(t.db, guest.ctx, { q: "p13" })).total).toBe(0);

    // The account's home shows a few, and says there are more.
    const some = await listSomeProjects(t.db, owner);
    expect(some.projects).toHaveLength(5);
    expect(some.more).toBe(true);
    expect(await listSomeProjects(t.db, guest.ctx)).toEqual({
      projects: [{ key: "P12", name: "Project 12" }],
      more: false,
    });
  });
});
