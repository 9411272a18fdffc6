import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customRoles, invitations, type Invitation } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { hashToken, newToken } from "@/lib/crypto/tokens";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { takeRateLimit } from "@/lib/rate-limit/rate-limit";
import { assertMaySendInvitations } from "./sending-limits";
import { assertCanGrantRole } from "@/lib/permissions/grants";
import { rolePermissions, roleRefLabel, type RoleRef } from "@/lib/permissions/roles";
import { lockActor } from "@/lib/members/lock-actor";
import { queueInvitationEmail } from "./invitation-email";
import { INVITATION_TTL_MS, invitationUrl } from "./links";

const RESEND_LIMIT = { limit: 5, windowSeconds: 60 * 60 };

/**
 * Takes one send from an invitation's hourly budget of resends (shared by administrators and
 * the join link); false past it.
 */
export async function takeResendBudget(db: Db, invitationId: string, now = new Date()) {
  return (await takeRateLimit(db, `invitation-resend:${invitationId}`, RESEND_LIMIT, now)).allowed;
}

/**
 * Gives a pending invitation a new link and a new expiry, in the caller's transaction: the old
 * link stops working at once. `delivery` "email" queues the email carrying it; "shown" sends
 * nothing, and the caller shows the link once to whoever asked (only its hash is kept). Answers
 * the new token. `inviter` null: the invitee asked again through the join link.
 */
export async function renewInvitationLink(
  tx: Db,
  invitation: Invitation,
  details: {
    accountName: string;
    inviter: { id: string; name: string; email: string } | null;
    roleLabel: string;
  },
  now: Date,
  delivery: "email" | "shown" = "email",
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const emailId =
    delivery === "email"
      ? await queueInvitationEmail(
          tx,
          { accountId: invitation.accountId, email: invitation.email, expiresAt },
          { token, ...details },
        )
      : null;
  await tx
    .update(invitations)
    .set({
      tokenHash: hashToken(token),
      expiresAt,
      // "Sent" and the email status describe emails: a shown link changes neither.
      ...(emailId && { sentAt: now, sendCount: invitation.sendCount + 1, lastEmailId: emailId }),
      // Whoever sends it now vouches for it now (lib/invitations/inviter-reach.ts).
      ...(details.inviter && { invitedByUserId: details.inviter.id }),
    })
    .where(eq(invitations.id, invitation.id));
  return { token, expiresAt };
}

/**
 * A pending invitation of this account, locked for the change, and the caller re-checked under
 * lock (lib/members/lock-actor.ts): they may still invite, and give the role it offers. The
 * invitation first, then the membership: the order accepting an invitation takes them in.
 */
async function lockPendingInvitation(tx: Db, ctx: MemberContext, invitationId: string) {
  const [row] = await tx
    .select({
      invitation: invitations,
      customRole: { id: customRoles.id, name: customRoles.name, permissions: customRoles.permissions },
    })
    .from(invitations)
    .leftJoin(customRoles, eq(customRoles.id, invitations.customRoleId))
    .where(
      and(
        eq(invitations.id, invitationId),
        eq(invitations.accountId, ctx.account.id),
        eq(invitations.status, "pending"),
      ),
    )
    .for("update", { of: invitations });
  if (!row) throw new AppError("not_found", "This invitation is no longer open.");
  const ref: RoleRef = { role: row.invitation.role, customRole: row.customRole?.id ? row.customRole : null };
  const roleLabel = roleRefLabel(ref);
  const { actor } = await lockActor(tx, ctx, "members.invite");
  // Resending or revoking an invitation is managing its role: the same rule as giving it.
  assertCanGrantRole(actor, ref.role, rolePermissions(ref), roleLabel);
  return { invitation: row.invitation, roleLabel };
}

/**
 * Sends a pending (or expired) invitation again with a new link and a new expiry: the old
 * link stops working at once. Limited to a few resends an hour per invitation.
 */
export async function resendInvitation(
  db: Db,
  ctx: MemberContext,
  invitationId: string,
  meta: RequestMeta,
  now = new Date(),
) {
  await assertMaySendInvitations(db, ctx, meta, 1);
  if (!(await takeResendBudget(db, invitationId, now)))
    throw new AppError(
      "rate_limited",
      "This invitation was sent several times in the last hour. Try again later.",
    );

  return db.transaction(async (tx) => {
    const { invitation, roleLabel } = await lockPendingInvitation(tx, ctx, invitationId);
    await renewInvitationLink(
      tx,
      invitation,
      { accountName: ctx.account.displayName, inviter: ctx.user, roleLabel },
      now,
    );
    await recordAuditEvent(tx, {
      action: "invitation.resent",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "invitation", id: invitation.id },
      data: { email: invitation.email, role: invitation.role, wasExpired: invitation.expiresAt <= now },
      meta,
    });
    return { email: invitation.email };
  });
}

/**
 * A new link for a pending (or expired) invitation, answered once to the administrator who asks
 * for it, to hand over some other way: tokens are kept only as hashes, so the emailed link
 * cannot be read back. Like a resend, it replaces the link (the emailed one stops working) and
 * renews the expiry, but sends nothing; it is audited as the link being copied.
 */
export async function copyInvitationLink(
  db: Db,
  ctx: MemberContext,
  invitationId: string,
  meta: RequestMeta,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const { invitation, roleLabel } = await lockPendingInvitation(tx, ctx, invitationId);
    const { token, expiresAt } = await renewInvitationLink(
      tx,
      invitation,
      { accountName: ctx.account.displayName, inviter: ctx.user, roleLabel },
      now,
      "shown",
    );
    await recordAuditEvent(tx, {
      action: "invitation.link_copied",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "invitation", id: invitation.id },
      data: { email: invitation.email, role: invitation.role, wasExpired: invitation.expiresAt <= now },
      meta,
    });
    return { email: invitation.email, link: invitationUrl(token), expiresAt };
  });
}

/** Revokes a pending invitation: its link stops working at once. */
export async function revokeInvitation(
  db: Db,
  ctx: MemberContext,
  invitationId: string,
  meta: RequestMeta,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const { invitation } = await lockPendingInvitation(tx, ctx, invitationId);
    await tx
      .update(invitations)
      .set({ status: "revoked", respondedAt: now, respondedByUserId: ctx.user.id })
      .where(and(eq(invitations.id, invitation.id), eq(invitations.status, "pending")));
    await recordAuditEvent(tx, {
      action: "invitation.revoked",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "invitation", id: invitation.id },
      data: { email: invitation.email, role: invitation.role },
      meta,
    });
    return { email: invitation.email };
  });
}
