import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, invitations, memberships } from "@/db/schema";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { setMemberDisabled } from "@/lib/members/disable";
import { changeMemberRole, removeMember, updateMemberPermissions } from "@/lib/members/manage";
import { createCustomRole, updateCustomRole } from "@/lib/roles/custom-roles";
import {
  linkInLatestEmail,
  memberContextOf,
  onPlan,
  randomEmail,
  signUp,
  signUpAndJoin,
} from "@/tests/fixtures";
import { onPostgres, testDatabase } from "@/tests/test-db";
import { acceptInvitationAsNewUser, acceptInvitationByToken, INVITER_CANNOT_VOUCH } from "./accept";
import { inviteMembers } from "./invite";
import { resendInvitation } from "./manage";

// An invitation is only as good as its inviter's rights (lib/invitations/inviter-reach.ts):
// an administrator about to be removed must not be able to invite a private address as
// Administrator and walk back in through it later.

const t = testDatabase();
const meta = NO_REQUEST_META;

async function accountWithAdmin() {
  const owner = await signUp(t.db, { name: "Olga Owner" });
  await onPlan(t.db, owner.account.id, "business");
  const admin = await signUpAndJoin(t.db, owner.account.id, "admin", "Ada Admin");
  const shortName = owner.account.shortName;
  const ownerCtx = await memberContextOf(t.db, owner.user, shortName);
  const adminCtx = await memberContextOf(t.db, admin.user, shortName);
  return { owner, admin, ownerCtx, adminCtx };
}

/** The administrator invites a private address as Administrator: the invitation and its link. */
async function adminInvitesAnAdministrator(
  adminCtx: Awaited<ReturnType<typeof accountWithAdmin>>["adminCtx"],
) {
  const email = randomEmail("private");
  const [result] = await inviteMembers(t.db, adminCtx, { emails: email, role: "admin" }, meta);
  if (result?.outcome !== "invited") throw new Error("expected an invitation");
  const { token } = await linkInLatestEmail(t.db, email, "/invite/");
  return { email, token, invitationId: result.invitationId };
}

const statusOf = async (invitationId: string) =>
  (
    await t.db
      .select({ status: invitations.status })
      .from(invitations)
      .where(eq(invitations.id, invitationId))
  )[0]?.status;

const revocationEvents = (invitationId: string) =>
  t.db
    .select({ data: auditEvents.data, actorUserId: auditEvents.actorUserId })
    .from(auditEvents)
    .where(and(eq(auditEvents.targetId, invitationId), eq(auditEvents.action, "invitation.revoked")));

describe("pending invitations follow their inviter's rights", () => {
  const losingRights = {
    removed: (s: Awaited<ReturnType<typeof accountWithAdmin>>) =>
      removeMember(t.db, s.ownerCtx, s.admin.membershipId, meta),
    disabled: (s: Awaited<ReturnType<typeof accountWithAdmin>>) =>
      setMemberDisabled(t.db, s.ownerCtx, s.admin.membershipId, true, meta),
    "demoted to Member": (s: Awaited<ReturnType<typeof accountWithAdmin>>) =>
      changeMemberRole(t.db, s.ownerCtx, s.admin.membershipId, "member", meta),
    "stripped of a permission": (s: Awaited<ReturnType<typeof accountWithAdmin>>) =>
      updateMemberPermissions(t.db, s.ownerCtx, s.admin.membershipId, { "audit.read": "withdraw" }, meta),
  };
  for (const [how, loseRights] of Object.entries(losingRights)) {
    it(`an inviter ${how}: their invitations they could no longer send are revoked, audited, and the link refused`, async () => {
      const setup = await accountWithAdmin();
      const { email, token, invitationId } = await adminInvitesAnAdministrator(setup.adminCtx);
      await loseRights(setup);

      expect(await statusOf(invitationId)).toBe("revoked");
      expect(await revocationEvents(invitationId)).toEqual([
        {
          data: { email, role: "admin", reason: "inviter_lost_rights" },
          actorUserId: setup.owner.user.id,
        },
      ]);
      await expect(
        acceptInvitationAsNewUser(t.db, token, { name: "Private", password: "a long enough password" }, meta),
      ).rejects.toMatchObject({ code: "invalid" });
    });
  }

  it("an invitation the inviter can still give stays open", async () => {
    const { ownerCtx, adminCtx, admin } = await accountWithAdmin();
    const email = randomEmail("guest");
    const [result] = await inviteMembers(t.db, adminCtx, { emails: email, role: "guest" }, meta);
    await changeMemberRole(t.db, ownerCtx, admin.membershipId, "member", meta);
    expect(result?.outcome).toBe("invited");
    expect(await statusOf((result as { invitationId: string }).invitationId)).toBe("pending");
  });

  it("editing a custom role revokes its holders' invitations the role no longer allows", async () => {
    const { owner, ownerCtx } = await accountWithAdmin();
    const role = await createCustomRole(
      t.db,
      ownerCtx,
      { name: "Recruiter", description: "", permissions: ["members.invite", "members.read", "projects.create"] },
      meta,
    );
    const recruiter = await signUpAndJoin(
      t.db,
      owner.account.id,
      { customRoleId: role!.id },
      "Rita Recruiter",
    );
    const recruiterCtx = await memberContextOf(t.db, recruiter.user, owner.account.shortName);
    const [asMember] = await inviteMembers(
      t.db,
      recruiterCtx,
      { emails: randomEmail(), role: "member" },
      meta,
    );
    const [asGuest] = await inviteMembers(t.db, recruiterCtx, { emails: randomEmail(), role: "guest" }, meta);

    await updateCustomRole(
      t.db,
      ownerCtx,
      role!.id,
      { name: "Recruiter", description: "", permissions: ["members.invite"] },
      meta,
    );

    expect(await statusOf((asMember as { invitationId: string }).invitationId)).toBe("revoked");
    expect(await statusOf((asGuest as { invitationId: string }).invitationId)).toBe("pending");
  });

  it("accepting re-checks the inviter: a pending invitation whose inviter lost the right is refused, and nobody joins", async () => {
    const { owner, adminCtx, admin } = await accountWithAdmin();
    const { email, token } = await adminInvitesAnAdministrator(adminCtx);
    // Demoted behind the app's back (an older release, a manual fix): no revocation ran.
    await t.db.update(memberships).set({ role: "member" }).where(eq(memberships.id, admin.membershipId));
    const invitee = await signUp(t.db, { email });

    await expect(
      acceptInvitationByToken(t.db, token, { id: invitee.user.id, email }, meta),
    ).rejects.toMatchObject({ code: "forbidden", message: INVITER_CANNOT_VOUCH });
    const joined = await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.accountId, owner.account.id), eq(memberships.userId, invitee.user.id)));
    expect(joined).toEqual([]);
  });

  it("a colleague who resends an invitation vouches for it: it survives the first inviter's removal", async () => {
    const { owner, ownerCtx, adminCtx, admin } = await accountWithAdmin();
    const { email, invitationId } = await adminInvitesAnAdministrator(adminCtx);
    await resendInvitation(t.db, ownerCtx, invitationId, meta);
    await removeMember(t.db, ownerCtx, admin.membershipId, meta);

    expect(await statusOf(invitationId)).toBe("pending");
    const { token } = await linkInLatestEmail(t.db, email, "/invite/");
    const invitee = await signUp(t.db, { email });
    await expect(
      acceptInvitationByToken(t.db, token, { id: invitee.user.id, email }, meta),
    ).resolves.toMatchObject({
      shortName: owner.account.shortName,
    });
  });

  it.skipIf(!onPostgres)(
    "an accept waiting on the inviter's removal is refused once the removal commits (needs a PostgreSQL server)",
    async () => {
      const { owner, adminCtx, admin } = await accountWithAdmin();
      const { email, token } = await adminInvitesAnAdministrator(adminCtx);
      const invitee = await signUp(t.db, { email });

      // The removal holds the inviter's membership locked while the accept starts.
      let commitRemoval!: () => void;
      const removalMayCommit = new Promise<void>((resolve) => (commitRemoval = resolve));
      let removed!: () => void;
      const removalHeld = new Promise<void>((resolve) => (removed = resolve));
      const removal = t.db.transaction(async (tx) => {
        await tx.delete(memberships).where(eq(memberships.id, admin.membershipId));
        removed();
        await removalMayCommit;
      });
      await removalHeld;
      const accepting = acceptInvitationByToken(t.db, token, { id: invitee.user.id, email }, meta).then(
        () => "joined",
        (error: { message: string }) => error.message,
      );
      // Until the accept waits on that lock (or has read past it: then it sees the removal anyway).
      await expect
        .poll(async () => {
          const [row] = await t.db
            .select({ waiting: sql<number>`count(*)`.mapWith(Number) })
            .from(sql`pg_stat_activity`)
            .where(sql`datname = current_database() and wait_event_type = 'Lock'`);
          return row?.waiting ?? 0;
        })
        .toBeGreaterThan(0);
      commitRemoval();
      await removal;

      expect(await accepting).toBe(INVITER_CANNOT_VOUCH);
      const joined = await t.db
        .select()
        .from(memberships)
        .where(and(eq(memberships.accountId, owner.account.id), eq(memberships.userId, invitee.user.id)));
      expect(joined).toEqual([]);
    },
  );
});
