import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customRoles, invitations, memberships, type Invitation } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import type { RequestMeta } from "@/lib/http/request-meta";
import { loadMembershipAccess, lockMemberships, type MembershipAccess } from "@/lib/members/access";
import { canGrantRole } from "@/lib/permissions/grants";
import { rolePermissions, type RoleRef } from "@/lib/permissions/roles";

// An invitation is only as good as its inviter's rights: it gives a role the inviter could
// give when they sent it, and it must still be one they could give when it is accepted.
// Otherwise an administrator about to be removed could invite a private address as
// Administrator and walk back in later. The account's join link has no inviter: the account
// itself offers its default role there.

type InviterVouching = Pick<Invitation, "role" | "invitedByUserId" | "viaJoinLink"> & {
  customRole: { id: string; name: string; permissions: string[] } | null;
};

/** Whether `inviter` (their membership as it is now, or none) may still give what `invitation` offers. */
export function inviterStillVouches(invitation: InviterVouching, inviter: MembershipAccess | undefined) {
  if (invitation.viaJoinLink) return true;
  if (!inviter || inviter.disabledAt || inviter.awaitingApprovalSince) return false;
  const ref = { role: invitation.role, customRole: invitation.customRole } as RoleRef;
  return canGrantRole(inviter, ref.role, rolePermissions(ref));
}

/**
 * At acceptance: locks and re-reads the inviter's membership, so a concurrent removal or
 * demotion is seen, and tells whether they still vouch for the invitation.
 */
export async function inviterVouchesNow(tx: Db, invitation: Invitation): Promise<boolean> {
  if (invitation.viaJoinLink) return true;
  if (!invitation.invitedByUserId) return false; // the inviter's user was deleted
  const theirs = and(
    eq(memberships.accountId, invitation.accountId),
    eq(memberships.userId, invitation.invitedByUserId),
  );
  await lockMemberships(tx, theirs);
  const [inviter] = await loadMembershipAccess(tx, theirs);
  const customRole = invitation.customRoleId
    ? ((
        await tx
          .select({ id: customRoles.id, name: customRoles.name, permissions: customRoles.permissions })
          .from(customRoles)
          .where(eq(customRoles.id, invitation.customRoleId))
      )[0] ?? null)
    : null;
  return inviterStillVouches({ ...invitation, customRole }, inviter);
}

/**
 * After a change that may take rights from members (removal, leaving, disabling, a new role,
 * withdrawn permissions, an edited role): revokes the pending invitations those members sent
 * that they could no longer send, each audit-logged. Run inside the change's transaction,
 * after it. Invitations being accepted at this moment are skipped (SKIP LOCKED): the accept
 * re-checks the inviter itself once this transaction commits.
 */
export async function revokeInvitationsBeyondReach(
  tx: Db,
  change: {
    accountId: string;
    inviterUserIds: string[];
    actor: { id: string; email: string } | null;
    meta: RequestMeta;
  },
  now = new Date(),
) {
  if (change.inviterUserIds.length === 0) return 0;
  const pending = await tx
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      invitedByUserId: invitations.invitedByUserId,
      viaJoinLink: invitations.viaJoinLink,
      customRole: { id: customRoles.id, name: customRoles.name, permissions: customRoles.permissions },
    })
    .from(invitations)
    .leftJoin(customRoles, eq(customRoles.id, invitations.customRoleId))
    .where(
      and(
        eq(invitations.accountId, change.accountId),
        eq(invitations.status, "pending"),
        inArray(invitations.invitedByUserId, change.inviterUserIds),
      ),
    )
    .for("update", { of: invitations, skipLocked: true });
  if (pending.length === 0) return 0;

  const inviters = await loadMembershipAccess(
    tx,
    and(eq(memberships.accountId, change.accountId), inArray(memberships.userId, change.inviterUserIds)),
  );
  const inviterOf = new Map(inviters.map((m) => [m.userId, m]));
  let revoked = 0;
  for (const invitation of pending) {
    const customRole = invitation.customRole?.id ? invitation.customRole : null;
    if (inviterStillVouches({ ...invitation, customRole }, inviterOf.get(invitation.invitedByUserId!)))
      continue;
    await tx
      .update(invitations)
      .set({ status: "revoked", respondedAt: now, respondedByUserId: change.actor?.id ?? null })
      .where(and(eq(invitations.id, invitation.id), eq(invitations.status, "pending")));
    await recordAuditEvent(tx, {
      action: "invitation.revoked",
      accountId: change.accountId,
      actor: change.actor,
      target: { type: "invitation", id: invitation.id },
      data: { email: invitation.email, role: invitation.role, reason: "inviter_lost_rights" },
      meta: change.meta,
    });
    revoked += 1;
  }
  return revoked;
}
