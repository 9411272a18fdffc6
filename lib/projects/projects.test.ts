import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, projectMembers } from "@/db/schema";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { memberContextOf, signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { loadProjectContext } from "./project-context";
import { grantableProjects, grantProjects, listMemberProjects } from "./member-projects";
import { addProjectMember, removeProjectMember } from "./project-members";
import { createProject, defaultProjectKey, deleteProject, listProjects, PROJECT_KEY_TAKEN } from "./projects";

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
});
