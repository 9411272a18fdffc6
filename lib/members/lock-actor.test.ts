import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  accounts,
  auditEvents,
  customRoles,
  invitations,
  memberships,
  projectMembers,
  projects,
  users,
} from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { setApprovalRequirement, setDefaultRole, updateAccountDisplayName } from "@/lib/accounts/settings";
import { inviteMembers } from "@/lib/invitations/invite";
import { changeJoinLink } from "@/lib/invitations/join-link";
import { resendInvitation, revokeInvitation } from "@/lib/invitations/manage";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { changePlan } from "@/lib/plans/change-plan";
import { addProjectMember } from "@/lib/projects/project-members";
import { loadProjectContext } from "@/lib/projects/project-context";
import { createProject, updateProject } from "@/lib/projects/projects";
import { createRepository } from "@/lib/repositories/repositories";
import { createCustomRole, deleteCustomRole, updateCustomRole } from "@/lib/roles/custom-roles";
import { memberContextOf, onPlan, randomEmail, signUp, signUpAndJoin } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { addPersonDirectly } from "./add-person";
import { changeMemberRole } from "./manage";
import { transferOwnership } from "./transfer-ownership";
import { ACCESS_DISABLED, NO_LONGER_A_MEMBER } from "./lock-actor";

// Every write that decides on the caller's permissions re-checks them under lock, inside its
// transaction (lib/members/lock-actor.ts). Here each write is handed the caller's context as
// the action read it, before the caller was demoted: a decision on that stale copy would go
// through; the re-check refuses, and nothing changes.

const t = testDatabase();
const meta = NO_REQUEST_META;

/** An account on Business (no limits in the way) with an administrator, their context read now. */
async function adminWithStaleContext() {
  const owner = await signUp(t.db, { name: "Olga Owner" });
  await onPlan(t.db, owner.account.id, "business");
  const admin = await signUpAndJoin(t.db, owner.account.id, "admin", "Ada Admin");
  const shortName = owner.account.shortName;
  const [adminCtx, ownerCtx] = await Promise.all([
    memberContextOf(t.db, admin.user, shortName),
    memberContextOf(t.db, owner.user, shortName),
  ]);
  const [role] = await t.db
    .insert(customRoles)
    .values({ accountId: owner.account.id, name: "Helper", description: "", permissions: ["members.invite"] })
    .returning({ id: customRoles.id });
  const [invited] = await inviteMembers(
    t.db,
    ownerCtx,
    { emails: randomEmail("guest"), role: "guest" },
    meta,
  );
  if (invited?.outcome !== "invited") throw new Error("the owner could not invite");
  return { owner, admin, adminCtx, ownerCtx, roleId: role!.id, invitationId: invited.invitationId };
}

type Setup = Awaited<ReturnType<typeof adminWithStaleContext>>;

/** What the account holds, to show a refused write left it as it was. */
async function footprint(accountId: string) {
  const [[invitationCount], [roleCount], [projectCount], [memberCount], [account], [events]] =
    await Promise.all([
      t.db.select({ n: count() }).from(invitations).where(eq(invitations.accountId, accountId)),
      t.db.select({ n: count() }).from(customRoles).where(eq(customRoles.accountId, accountId)),
      t.db.select({ n: count() }).from(projects).where(eq(projects.accountId, accountId)),
      t.db.select({ n: count() }).from(memberships).where(eq(memberships.accountId, accountId)),
      t.db.select().from(accounts).where(eq(accounts.id, accountId)),
      t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.accountId, accountId)),
    ]);
  const pending = await t.db
    .select({ id: invitations.id, status: invitations.status, tokenHash: invitations.tokenHash })
    .from(invitations)
    .where(eq(invitations.accountId, accountId));
  return { invitationCount, roleCount, projectCount, memberCount, account, events, pending };
}

/** The writes an administrator can make, each given the stale context. */
const writes: Record<string, (ctx: MemberContext, s: Setup) => Promise<unknown>> = {
  "invite people": (ctx) => inviteMembers(t.db, ctx, { emails: randomEmail("late"), role: "member" }, meta),
  "resend an invitation": (ctx, s) => resendInvitation(t.db, ctx, s.invitationId, meta),
  "revoke an invitation": (ctx, s) => revokeInvitation(t.db, ctx, s.invitationId, meta),
  "add a person directly": (ctx) =>
    addPersonDirectly(
      t.db,
      ctx,
      {
        name: "Late Person",
        email: randomEmail("late"),
        username: "",
        displayName: "",
        company: "",
        role: "member",
        projectKeys: [],
        projectRole: "viewer",
        sendWelcome: false,
        welcomeSubject: "",
        bccMe: false,
      },
      meta,
    ),
  "create a custom role": (ctx) =>
    createCustomRole(t.db, ctx, { name: "Late", description: "", permissions: ["members.invite"] }, meta),
  "edit a custom role": (ctx, s) =>
    updateCustomRole(t.db, ctx, s.roleId, { name: "Helper", description: "", permissions: [] }, meta),
  "delete a custom role": (ctx, s) => deleteCustomRole(t.db, ctx, s.roleId, undefined, meta),
  "create a project": (ctx) => createProject(t.db, ctx, { name: "Late", key: "LATE", description: "" }, meta),
  "rename the account": (ctx) => updateAccountDisplayName(t.db, ctx, "Taken over", meta),
  "require approval": (ctx) => setApprovalRequirement(t.db, ctx, true, meta),
  "change the default role": (ctx) => setDefaultRole(t.db, ctx, "guest", meta),
  "turn on the join link": (ctx) => changeJoinLink(t.db, ctx, "on", meta),
  "add a repository": (ctx) =>
    createRepository(
      t.db,
      ctx,
      { name: "late-repo", cloneUrl: "https://example.com/late.git", defaultBranch: "main", description: "" },
      meta,
    ),
  "change plan": (ctx) =>
    changePlan(t.db, { accountId: ctx.account.id, planId: "free", actor: ctx.user, member: ctx }, meta),
};

describe("a write judged on the caller as they are now, not as the action read them", () => {
  for (const [name, write] of Object.entries(writes)) {
    it(`${name}: refused once the caller lost the permission it takes, and nothing changes`, async () => {
      const setup = await adminWithStaleContext();
      // Changing plan takes billing.manage, the owner's: the owner is the one demoted there.
      const stale = name === "change plan" ? setup.ownerCtx : setup.adminCtx;
      await t.db
        .update(memberships)
        .set({ role: name === "change plan" ? "admin" : "guest" })
        .where(eq(memberships.id, stale.membership.id));
      const before = await footprint(setup.owner.account.id);

      await expect(write(stale, setup)).rejects.toMatchObject({ code: "forbidden" });
      expect(await footprint(setup.owner.account.id)).toEqual(before);
    });
  }

  it("inside a project: a manager whose grant was withdrawn can no longer rename it, delete it or give access", async () => {
    const { owner, ownerCtx } = await adminWithStaleContext();
    const manager = await signUpAndJoin(t.db, owner.account.id, "member", "Mia Manager");
    const managerCtx = await memberContextOf(t.db, manager.user, owner.account.shortName);
    const project = await createProject(
      t.db,
      ownerCtx,
      { name: "Website", key: "WEB", description: "" },
      meta,
    );
    await t.db.insert(projectMembers).values({
      accountId: owner.account.id,
      projectId: project!.id,
      membershipId: manager.membershipId,
      role: "manager",
    });
    const stale = (await loadProjectContext(t.db, managerCtx, "WEB"))!;
    // The owner lowers their grant to Viewer.
    await t.db
      .update(projectMembers)
      .set({ role: "viewer" })
      .where(eq(projectMembers.membershipId, manager.membershipId));
    const before = await footprint(owner.account.id);

    await expect(
      addProjectMember(t.db, stale, { email: ownerCtx.user.email, role: "viewer" }, meta),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      updateProject(t.db, stale, { name: "Website", description: "taken over" }, meta),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await footprint(owner.account.id)).toEqual(before);
  });

  it("a removed administrator is told they are no longer a member", async () => {
    const { adminCtx } = await adminWithStaleContext();
    await t.db.delete(memberships).where(eq(memberships.id, adminCtx.membership.id));
    await expect(
      inviteMembers(t.db, adminCtx, { emails: randomEmail(), role: "member" }, meta),
    ).rejects.toMatchObject({ code: "forbidden", message: NO_LONGER_A_MEMBER });
  });

  it("a disabled administrator is told their access is disabled", async () => {
    const { adminCtx } = await adminWithStaleContext();
    await t.db
      .update(memberships)
      .set({ disabledAt: new Date() })
      .where(eq(memberships.id, adminCtx.membership.id));
    await expect(
      createCustomRole(t.db, adminCtx, { name: "Mine", description: "", permissions: [] }, meta),
    ).rejects.toMatchObject({ code: "forbidden", message: ACCESS_DISABLED });
  });

  it("an owner who transferred ownership in another tab cannot transfer it again, nor change roles above them", async () => {
    const { owner, ownerCtx, admin } = await adminWithStaleContext();
    const other = await signUpAndJoin(t.db, owner.account.id, "member", "Otto Other");
    await transferOwnership(t.db, ownerCtx, admin.membershipId, "correct horse battery staple", meta);
    await expect(
      transferOwnership(t.db, ownerCtx, other.membershipId, "correct horse battery staple", meta),
    ).rejects.toMatchObject({ code: "forbidden" });
    // Still an administrator: they may change a member's role, but not the new owner's.
    await expect(changeMemberRole(t.db, ownerCtx, admin.membershipId, "member", meta)).rejects.toMatchObject({
      code: "forbidden",
    });
    const [newOwner] = await t.db
      .select({ role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.accountId, owner.account.id), eq(users.id, admin.user.id)));
    expect(newOwner?.role).toBe("owner");
  });
});
