import { describe, expect, it } from "vitest";
import { invitations, memberships, projectMembers, projects, users } from "@/db/schema";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { seatUsage } from "@/lib/plans/limits";
import { listProjectChoices } from "@/lib/projects/project-choices";
import { grantableProjects, listMemberProjects } from "@/lib/projects/member-projects";
import { listRoleOptions } from "@/lib/roles/choice";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { memberContextOf, randomEmail, signUp, signUpAndJoin } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { eq } from "drizzle-orm";
import { awaitsFirstPassword } from "./add-person";
import { loadPersonDetails } from "./edit-person";
import { loadMemberPage } from "./member-page";
import { loadMembersPageOptions } from "./members-page-options";
import { searchIsBroad } from "./queries";

const t = testDatabase();

// The members page and a member's page read in one statement what several loaders read one
// by one (issue 15): each part must answer what its own loader answers, for every caller.

/** An account with two custom roles, three projects (one archived), a manager of one of them. */
async function account() {
  const owner = await signUp(t.db, { name: "Owner Ona" });
  const ownerCtx = await memberContextOf(t.db, owner.user, owner.account.shortName);
  for (const name of ["Zebra keeper", "Auditor"]) {
    await createCustomRole(
      t.db,
      ownerCtx,
      { name, description: "", permissions: ["members.read"] },
      NO_REQUEST_META,
    );
  }
  const made = await t.db
    .insert(projects)
    .values([
      { accountId: owner.account.id, key: "BETA", name: "Beta" },
      { accountId: owner.account.id, key: "ALPHA", name: "Alpha" },
      { accountId: owner.account.id, key: "OLD", name: "Old", archivedAt: new Date() },
    ])
    .returning({ id: projects.id, key: projects.key });
  const projectId = (key: string) => made.find((p) => p.key === key)!.id;
  // A plain member who manages BETA and views ALPHA: they see no other project.
  const lead = await signUpAndJoin(t.db, owner.account.id, "member", "Lead Lee");
  await t.db.insert(projectMembers).values([
    {
      accountId: owner.account.id,
      projectId: projectId("BETA"),
      membershipId: lead.membershipId,
      role: "manager",
    },
    {
      accountId: owner.account.id,
      projectId: projectId("ALPHA"),
      membershipId: lead.membershipId,
      role: "viewer",
    },
  ]);
  const leadCtx = await memberContextOf(t.db, lead.user, owner.account.shortName);
  await t.db.insert(invitations).values(
    ["a", "b"].map((name) => ({
      accountId: owner.account.id,
      email: randomEmail(name),
      role: "member" as const,
      tokenHash: `not-a-hash-${name}-${Math.random()}`,
      expiresAt: new Date(Date.now() + 86_400_000),
    })),
  );
  return { owner, ownerCtx, lead, leadCtx };
}

const all = { roles: true, invitableProjects: true, projectChoices: true, seats: true, search: "" };

describe("the members page's options", () => {
  it("answer, in one statement, what each loader answers on its own", async () => {
    const { ownerCtx, leadCtx } = await account();
    for (const ctx of [ownerCtx, leadCtx]) {
      const options = await loadMembersPageOptions(t.db, ctx, all);
      expect(options.roles).toEqual(await listRoleOptions(t.db, ctx.account.id, ctx));
      expect(options.invitableProjects).toEqual(await grantableProjects(t.db, ctx, null));
      expect(options.projectChoices).toEqual(await listProjectChoices(t.db, ctx.account.id));
      expect(options.seats).toEqual(await seatUsage(t.db, ctx.account));
      expect(options.pendingInvitations).toBe(2);
    }
    // The owner may invite into every active project (the account's first one too), by name;
    // the lead only into the one they manage. The filter lists every project, archived too.
    const ownerView = await loadMembersPageOptions(t.db, ownerCtx, all);
    expect(ownerView.invitableProjects.map((p) => p.key)).toEqual(expect.arrayContaining(["ALPHA", "BETA"]));
    expect(ownerView.invitableProjects.map((p) => p.key)).not.toContain("OLD");
    expect(ownerView.projectChoices?.map((p) => p.key)).toEqual(
      expect.arrayContaining(["ALPHA", "BETA", "OLD"]),
    );
    const leadView = await loadMembersPageOptions(t.db, leadCtx, all);
    expect(leadView.invitableProjects.map((p) => p.key)).toEqual(["BETA"]);
  });

  it("read nothing that is not needed, and tell whether a search is broad", async () => {
    const { ownerCtx } = await account();
    const none = { roles: false, invitableProjects: false, projectChoices: false, seats: false };
    expect(await loadMembersPageOptions(t.db, ownerCtx, { ...none, search: "" })).toEqual({
      roles: [],
      invitableProjects: [],
      projectChoices: null,
      pendingInvitations: 0,
      seats: null,
      broad: false,
    });
    for (const search of ["ow", "owner", "nobody-by-this-name"]) {
      const { broad } = await loadMembersPageOptions(t.db, ownerCtx, { ...none, search });
      expect(broad).toBe(await searchIsBroad(t.db, ownerCtx.account.id, search));
    }
  });
});

describe("a member's page", () => {
  it("answers, in one statement, what each loader answers on its own", async () => {
    const { owner, ownerCtx, lead, leadCtx } = await account();
    const [ownerMembership] = await t.db
      .select({ id: memberships.id })
      .from(memberships)
      .where(eq(memberships.userId, owner.user.id));
    // An untouched user, approved by the owner: the first password and the approver show.
    const [fresh] = await t.db
      .insert(users)
      .values({ email: randomEmail("fresh"), name: "Fresh Fay", passwordHash: null })
      .returning({ id: users.id });
    const [added] = await t.db
      .insert(memberships)
      .values({
        accountId: owner.account.id,
        userId: fresh!.id,
        role: "member",
        approvedAt: new Date(),
        approvedByUserId: owner.user.id,
      })
      .returning({ id: memberships.id });
    for (const ctx of [ownerCtx, leadCtx]) {
      for (const membershipId of [added!.id, lead.membershipId, ownerMembership!.id]) {
        const page = await loadMemberPage(t.db, ctx, membershipId, { roles: true });
        const details = await loadPersonDetails(t.db, ctx.account.id, membershipId);
        expect(page).toMatchObject(details!);
        expect(page!.awaitsFirstPassword).toBe(await awaitsFirstPassword(t.db, ctx.account.id, membershipId));
        expect(page!.projects).toEqual(
          (await listMemberProjects(t.db, ctx, membershipId)).map(({ key, name, role }) => ({
            key,
            name,
            role,
          })),
        );
        expect(page!.grantable).toEqual(await grantableProjects(t.db, ctx, membershipId));
        expect(page!.roles).toEqual(await listRoleOptions(t.db, ctx.account.id, ctx));
      }
    }
    const page = await loadMemberPage(t.db, ownerCtx, added!.id, { roles: false });
    expect(page).toMatchObject({ awaitsFirstPassword: true, approvedBy: "Owner Ona", roles: [] });
    // The lead sees only their own projects, and may give only the one they manage.
    const seen = await loadMemberPage(t.db, leadCtx, lead.membershipId, { roles: false });
    expect(seen!.projects.map((p) => p.key)).toEqual(["ALPHA", "BETA"]);
    expect((await loadMemberPage(t.db, leadCtx, added!.id, { roles: false }))!.grantable).toEqual([
      { key: "BETA", name: "Beta" },
    ]);
    // Another account's membership is not found.
    const stranger = await signUp(t.db, { name: "Stranger Sam" });
    const [theirs] = await t.db
      .select({ id: memberships.id })
      .from(memberships)
      .where(eq(memberships.userId, stranger.user.id));
    expect(await loadMemberPage(t.db, ownerCtx, theirs!.id, { roles: true })).toBeNull();
  });
});
