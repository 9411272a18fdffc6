import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, projectMembers } from "@/db/schema";
import { setApprovalRequirement } from "@/lib/accounts/settings";
import { acceptInvitationAsNewUser } from "@/lib/invitations/accept";
import { inviteMembers } from "@/lib/invitations/invite";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { createProject } from "@/lib/projects/projects";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { linkInLatestEmail, memberContextOf, PASSWORD, randomEmail, signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { loadMembershipAccess } from "./access";
import { decideApproval } from "./approval";

const t = testDatabase();
const meta = NO_REQUEST_META;

/** An account that requires approval, and a newcomer who joined it by invitation (with a project). */
async function accountWithNewcomer(role: "member" | "admin" = "member") {
  const owner = await signUp(t.db, { name: "Olga Owner" });
  const ownerCtx = await memberContextOf(t.db, owner.user, owner.account.shortName);
  await setApprovalRequirement(t.db, ownerCtx, true, meta);
  await createProject(t.db, ownerCtx, { name: "Website", key: "WEB", description: "" }, meta);
  const email = randomEmail("newcomer");
  await inviteMembers(t.db, ownerCtx, { emails: email, role, projectKeys: ["WEB"] }, meta);
  const { token } = await linkInLatestEmail(t.db, email, "/invite/");
  await acceptInvitationAsNewUser(t.db, token, { name: "Nina Newcomer", password: PASSWORD }, meta);
  const [membership] = await loadMembershipAccess(
    t.db,
    and(eq(memberships.accountId, owner.account.id), eq(memberships.memberEmail, email)),
  );
  const ctx = () => memberContextOf(t.db, { id: membership!.userId }, owner.account.shortName);
  return { ownerCtx, membership: membership!, ctx };
}

describe("approval of new people", () => {
  it("a newcomer waits, shut out, until approved; the approver and the time are kept", async () => {
    const { ownerCtx, membership, ctx } = await accountWithNewcomer();
    expect(membership.awaitingApprovalSince).not.toBeNull();
    expect((await ctx()).awaitingApproval).toBe(true);

    await decideApproval(t.db, ownerCtx, membership.id, "approve", meta);
    const [approved] = await t.db.select().from(memberships).where(eq(memberships.id, membership.id));
    expect(approved).toMatchObject({ awaitingApprovalSince: null, approvedByUserId: ownerCtx.user.id });
    expect(approved?.approvedAt).toBeInstanceOf(Date);
    expect((await ctx()).awaitingApproval).toBe(false);
    // Approved once is approved: a second decision is refused.
    await expect(decideApproval(t.db, ownerCtx, membership.id, "reject", meta)).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("rejecting ends the membership and the project access the invitation carried", async () => {
    const { ownerCtx, membership } = await accountWithNewcomer();
    expect(
      await t.db.select().from(projectMembers).where(eq(projectMembers.membershipId, membership.id)),
    ).toHaveLength(1);
    await decideApproval(t.db, ownerCtx, membership.id, "reject", meta);
    expect(await t.db.select().from(memberships).where(eq(memberships.id, membership.id))).toEqual([]);
    expect(
      await t.db.select().from(projectMembers).where(eq(projectMembers.membershipId, membership.id)),
    ).toEqual([]);
  });

  it("only someone holding every permission the newcomer would get may decide", async () => {
    const { ownerCtx, membership } = await accountWithNewcomer("admin");
    const role = await createCustomRole(
      t.db,
      ownerCtx,
      { name: "Doorkeeper", description: "", permissions: ["members.read", "members.approve"] },
      meta,
    );
    const keeper = await signUp(t.db, { name: "Kim Keeper" });
    await t.db.insert(memberships).values({
      accountId: ownerCtx.account.id,
      userId: keeper.user.id,
      role: "custom",
      customRoleId: role!.id,
    });
    const keeperCtx = await memberContextOf(t.db, keeper.user, ownerCtx.account.shortName);
    await expect(decideApproval(t.db, keeperCtx, membership.id, "approve", meta)).rejects.toMatchObject({
      code: "forbidden",
    });
    const [still] = await t.db.select().from(memberships).where(eq(memberships.id, membership.id));
    expect(still?.awaitingApprovalSince).not.toBeNull();
  });

  it("without the gate, people who accept can use the account at once", async () => {
    const { ownerCtx } = await accountWithNewcomer();
    await setApprovalRequirement(t.db, ownerCtx, false, meta);
    const email = randomEmail("direct");
    await inviteMembers(t.db, ownerCtx, { emails: email, role: "member" }, meta);
    const { token } = await linkInLatestEmail(t.db, email, "/invite/");
    await acceptInvitationAsNewUser(t.db, token, { name: "Dan Direct", password: PASSWORD }, meta);
    const [joined] = await t.db.select().from(memberships).where(eq(memberships.memberEmail, email));
    expect(joined?.awaitingApprovalSince).toBeNull();
  });
});
