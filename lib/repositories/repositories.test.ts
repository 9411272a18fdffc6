import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, memberships, projectMembers } from "@/db/schema";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { createProject, deleteProject } from "@/lib/projects/projects";
import { loadProjectContext } from "@/lib/projects/project-context";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { memberContextOf, signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import {
  createRepository,
  deleteRepository,
  linkRepository,
  listRepositories,
  loadRepository,
  projectsOfRepository,
  repositoriesOfProject,
  REPOSITORY_NAME_TAKEN,
  unlinkRepository,
  updateRepository,
} from "./repositories";
import { cloneUrlSchema, defaultBranchSchema, repositoryNameSchema } from "./schemas";

const t = testDatabase();
const meta = NO_REQUEST_META;
const fields = (name: string) => ({
  name,
  cloneUrl: `git@github.com:acme/${name}.git`,
  defaultBranch: "main",
  description: "",
});

/** An account with an admin (manages repositories) and a member who works in project WEB only. */
async function accountWithProjects() {
  const owner = await signUp(t.db, { name: "Owner" });
  const shortName = owner.account.shortName;
  const join = async (role: "admin" | "member", name: string) => {
    const person = await signUp(t.db, { name });
    const [membership] = await t.db
      .insert(memberships)
      .values({ accountId: owner.account.id, userId: person.user.id, role })
      .returning({ id: memberships.id });
    return { membershipId: membership!.id, ctx: await memberContextOf(t.db, person.user, shortName) };
  };
  const ownerCtx = await memberContextOf(t.db, owner.user, shortName);
  const admin = await join("admin", "Admin");
  const member = await join("member", "Member");
  const web = await createProject(t.db, ownerCtx, { name: "Website", key: "WEB", description: "" }, meta);
  await createProject(t.db, ownerCtx, { name: "Secret", key: "SECRET", description: "" }, meta);
  await t.db.insert(projectMembers).values({
    accountId: owner.account.id,
    projectId: web.id,
    membershipId: member.membershipId,
    role: "viewer",
  });
  return { owner: ownerCtx, admin: admin.ctx, member: member.ctx };
}

describe("repository fields", () => {
  it.each([
    "https://github.com/acme/web.git",
    "https://git.example.com:8443/team/web",
    "ssh://git@github.com/acme/web.git",
    "ssh://git@gitlab.example.com:2222/acme/web.git",
    "git@github.com:acme/web.git",
  ])("accepts the Git URL %s", (url) => {
    expect(cloneUrlSchema.safeParse(url).success).toBe(true);
  });

  it.each([
    ["ftp://example.com/web.git", "https or ssh"],
    ["http://github.com/acme/web.git", "https or ssh"],
    ["javascript:alert(1)", "https or ssh"],
    ["https://alice:hunter2@github.com/acme/web.git", "password"],
    ["https://token@github.com/acme/web.git", "password"],
    ["https://github.com", "path"],
    ["https://github.com/acme/web.git?x=1", "?"],
    ["github.com/acme/web", "https or ssh"],
    ["", "clone URL"],
  ])("refuses %s, saying why", (url, reason) => {
    const result = cloneUrlSchema.safeParse(url);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(reason);
  });

  it("takes Git's branch names and refuses what Git would", () => {
    for (const ok of ["main", "release/2.x", "feature-1"])
      expect(defaultBranchSchema.safeParse(ok).success).toBe(true);
    for (const bad of ["", "a..b", "with space", "ends.lock", "/lead", "trail/", "a:b", "x@{1}"]) {
      expect(defaultBranchSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("names are safe in a URL", () => {
    expect(repositoryNameSchema.safeParse("web-app_2.0").success).toBe(true);
    for (const bad of ["", ".hidden", "a/b", "with space", "x".repeat(101)]) {
      expect(repositoryNameSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("repositories", () => {
  it("a name is unique in the account (whatever its case), not across accounts", async () => {
    const { admin } = await accountWithProjects();
    await createRepository(t.db, admin, fields("web"), meta);
    await expect(createRepository(t.db, admin, fields("WEB"), meta)).rejects.toMatchObject({
      code: "conflict",
      message: REPOSITORY_NAME_TAKEN,
      field: "name",
    });
    const elsewhere = await accountWithProjects();
    await expect(createRepository(t.db, elsewhere.admin, fields("web"), meta)).resolves.toMatchObject({
      name: "web",
    });
  });

  it("those who can see a project see its repositories; nobody else does", async () => {
    const { admin, member } = await accountWithProjects();
    await createRepository(t.db, admin, fields("site"), meta);
    await createRepository(t.db, admin, fields("vault"), meta);
    // Not linked yet: the member sees neither.
    expect(await loadRepository(t.db, member, "site")).toBeNull();
    expect((await listRepositories(t.db, member)).rows).toEqual([]);

    await linkRepository(t.db, admin, { repository: "site", projectKey: "WEB" }, meta);
    await linkRepository(t.db, admin, { repository: "vault", projectKey: "SECRET" }, meta);
    expect((await listRepositories(t.db, member)).rows.map((r) => r.name)).toEqual(["site"]);
    expect(await loadRepository(t.db, member, "vault")).toBeNull();
    const site = (await loadRepository(t.db, member, "site"))!;
    expect((await projectsOfRepository(t.db, member, site.id)).map((p) => p.key)).toEqual(["WEB"]);
    const web = (await loadProjectContext(t.db, member, "WEB"))!;
    expect((await repositoriesOfProject(t.db, web.project.id)).map((r) => r.name)).toEqual(["site"]);

    // The admin sees everything; another account's admin sees none of it.
    expect((await listRepositories(t.db, admin)).rows.map((r) => r.name)).toEqual(["site", "vault"]);
    const elsewhere = await accountWithProjects();
    expect(await loadRepository(t.db, elsewhere.admin, "site")).toBeNull();
    await expect(
      linkRepository(t.db, elsewhere.admin, { repository: "site", projectKey: "WEB" }, meta),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("linking twice or unlinking twice changes nothing and is audited once", async () => {
    const { admin } = await accountWithProjects();
    const repo = await createRepository(t.db, admin, fields("api"), meta);
    await linkRepository(t.db, admin, { repository: "api", projectKey: "WEB" }, meta);
    await linkRepository(t.db, admin, { repository: "api", projectKey: "WEB" }, meta);
    await unlinkRepository(t.db, admin, { repository: "api", projectKey: "WEB" }, meta);
    await unlinkRepository(t.db, admin, { repository: "api", projectKey: "WEB" }, meta);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, repo.id));
    expect(events.map((e) => e.action).sort()).toEqual([
      "repository.created",
      "repository.linked",
      "repository.unlinked",
    ]);
  });

  it("a keeper of repositories links only to projects they can see", async () => {
    const { owner } = await accountWithProjects();
    const role = await createCustomRole(
      t.db,
      owner,
      { name: "Repository keeper", description: "", permissions: ["repositories.manage"] },
      meta,
    );
    const keeper = await signUp(t.db, { name: "Keeper" });
    await t.db.insert(memberships).values({
      accountId: owner.account.id,
      userId: keeper.user.id,
      role: "custom",
      customRoleId: role!.id,
    });
    const keeperCtx = await memberContextOf(t.db, keeper.user, owner.account.shortName);
    await createRepository(t.db, keeperCtx, fields("infra"), meta);
    // SECRET exists, but the keeper was not given it: it looks absent, and nothing is linked.
    await expect(
      linkRepository(t.db, keeperCtx, { repository: "infra", projectKey: "SECRET" }, meta),
    ).rejects.toMatchObject({ code: "not_found", field: "projectKey" });
    const infra = (await loadRepository(t.db, owner, "infra"))!;
    expect(await projectsOfRepository(t.db, owner, infra.id)).toEqual([]);
  });

  it("renaming moves its address; deleting asks for the name and drops the links", async () => {
    const { admin, member } = await accountWithProjects();
    await createRepository(t.db, admin, fields("old"), meta);
    await linkRepository(t.db, admin, { repository: "old", projectKey: "WEB" }, meta);
    const saved = await updateRepository(
      t.db,
      admin,
      "old",
      { ...fields("new"), defaultBranch: "trunk" },
      meta,
    );
    expect(saved).toEqual({ name: "new", changed: true });
    expect(await loadRepository(t.db, admin, "old")).toBeNull();
    expect(await loadRepository(t.db, member, "new")).toMatchObject({ defaultBranch: "trunk" });
    expect(
      await updateRepository(t.db, admin, "new", { ...fields("new"), defaultBranch: "trunk" }, meta),
    ).toEqual({ name: "new", changed: false });

    await expect(deleteRepository(t.db, admin, "new", "old", meta)).rejects.toMatchObject({
      code: "invalid",
      field: "confirmName",
    });
    await deleteRepository(t.db, admin, "new", "new", meta);
    const web = (await loadProjectContext(t.db, member, "WEB"))!;
    expect(await repositoriesOfProject(t.db, web.project.id)).toEqual([]);
  });

  it("deleting a project unlinks its repositories and keeps them", async () => {
    const { admin } = await accountWithProjects();
    const repo = await createRepository(t.db, admin, fields("keep"), meta);
    await linkRepository(t.db, admin, { repository: "keep", projectKey: "WEB" }, meta);
    const web = (await loadProjectContext(t.db, admin, "WEB"))!;
    await deleteProject(t.db, web, "Website", meta);
    expect(await projectsOfRepository(t.db, admin, repo.id)).toEqual([]);
    expect(await loadRepository(t.db, admin, "keep")).toMatchObject({ createdBy: "Admin" });
  });
});
