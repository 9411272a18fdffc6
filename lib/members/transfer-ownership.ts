import "server-only";
import { createElement } from "react";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { membershipPermissionOverrides, memberships } from "@/db/schema";
import OwnershipTransferredEmail, { ownershipTransferredSubject } from "@/emails/ownership-transferred";
import type { MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { config } from "@/lib/config";
import { sendEmail } from "@/lib/email/outbox";
import { confirmPassword } from "@/lib/auth/confirm-password";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { lockActorAndTarget } from "./manage";

const ONLY_THE_OWNER = "Only the owner can transfer ownership.";

/**
 * The owner hands the account to another member, confirming with their password. In one
 * transaction the owner becomes an administrator and the member the owner (the unique
 * owner index never sees two); both are emailed, and it is audit-logged.
 */
export async function transferOwnership(
  db: Db,
  ctx: MemberContext,
  membershipId: string,
  password: string,
  meta: RequestMeta,
) {
  // Who may, before the password: the check must not become a password oracle for anyone
  // signed in, and it is rate-limited like signing in.
  if (ctx.membership.role !== "owner") throw new AppError("forbidden", ONLY_THE_OWNER);
  if (membershipId === ctx.membership.id) throw new AppError("invalid", "You already own this account.");
  await confirmPassword(db, ctx.user.id, password, "password", { meta, accountId: ctx.account.id });

  return db.transaction(async (tx) => {
    const { actor: owner, target: next } = await lockActorAndTarget(tx, ctx, membershipId);
    if (owner.role !== "owner") throw new AppError("forbidden", ONLY_THE_OWNER);
    if (next.awaitingApprovalSince) {
      throw new AppError("invalid", `${next.name} is waiting for approval. Approve them first.`);
    }
    if (next.disabledAt) {
      throw new AppError(
        "invalid",
        `${next.name}'s access is disabled. Enable it before making them the owner.`,
      );
    }

    const now = new Date();
    await tx
      .update(memberships)
      .set({ role: "admin", customRoleId: null, updatedAt: now })
      .where(eq(memberships.id, owner.id));
    await tx
      .delete(membershipPermissionOverrides)
      .where(eq(membershipPermissionOverrides.membershipId, next.id));
    await tx
      .update(memberships)
      .set({ role: "owner", customRoleId: null, updatedAt: now })
      .where(eq(memberships.id, next.id));
    await recordAuditEvent(tx, {
      action: "account.ownership_transferred",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "membership", id: next.id, userId: next.userId },
      data: { from: owner.email, to: next.email, newOwnerPreviousRole: next.roleLabel },
      meta,
    });

    const accountUrl = `${config.appUrl()}/a/${ctx.account.shortName}`;
    for (const recipient of [owner, next]) {
      const props = {
        recipientName: recipient.name,
        accountName: ctx.account.displayName,
        previousOwnerName: owner.name,
        newOwnerName: next.name,
        recipientIsNewOwner: recipient === next,
        accountUrl,
      };
      await sendEmail(tx, {
        template: "ownership-transferred",
        accountId: ctx.account.id,
        to: recipient.email,
        subject: ownershipTransferredSubject(props),
        react: createElement(OwnershipTransferredEmail, props),
      });
    }
    return { newOwner: next.name };
  });
}
