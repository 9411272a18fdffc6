import "server-only";
import { createElement } from "react";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import ResetPassword, { resetPasswordSubject } from "@/emails/reset-password";
import type { MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { config } from "@/lib/config";
import { sendEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { takeRateLimit } from "@/lib/rate-limit/rate-limit";
import { issueUserToken } from "@/lib/users/user-tokens";
import { awaitsFirstPassword, sendWelcome } from "./add-person";
import { assertMayManage, auditTarget, lockActorAndTarget } from "./manage";

/** Reset links one person may be sent in an hour, by administrators and "forgot password" alike. */
const PER_PERSON = { limit: 3, windowSeconds: 60 * 60 };

/**
 * An administrator sends a member a link to choose a new password (valid 1 hour, single use,
 * the same link as "Forgot your password?"). With `force`, the current password stops working
 * and every session of theirs ends at once, so they cannot go on until they choose a new one.
 * Same rank rule as any change to someone's membership; never oneself (use the profile). A
 * person added directly who never chose a password is sent a new welcome link instead.
 */
export async function sendPasswordResetByAdmin(
  db: Db,
  ctx: MemberContext,
  membershipId: string,
  { force }: { force: boolean },
  meta: RequestMeta,
  now = new Date(),
) {
  if (membershipId === ctx.membership.id) {
    throw new AppError("invalid", "To change your own password, use your profile.");
  }
  return db.transaction(async (tx) => {
    const { actor, target } = await lockActorAndTarget(tx, ctx, membershipId);
    assertMayManage(actor, target);
    // The same budget as "forgot password" (lib/users/password-reset.ts): the person's inbox is
    // not flooded whoever presses the button.
    if (!(await takeRateLimit(tx, `password-reset:email:${target.userId}`, PER_PERSON, now)).allowed) {
      throw new AppError(
        "rate_limited",
        `${target.name} was sent several reset links in the last hour. Try again later.`,
      );
    }
    // Someone added directly who never chose a password gets a new welcome link (3 hours).
    if (!force && (await awaitsFirstPassword(tx, ctx.account.id, target.id))) {
      await sendWelcome(tx, ctx, { id: target.userId, name: target.name, email: target.email }, now);
      await recordAuditEvent(tx, {
        action: "member.welcome_sent",
        accountId: ctx.account.id,
        actor: ctx.user,
        target: auditTarget(target),
        data: { member: target.email },
        meta,
      });
      return { name: target.name, email: target.email, link: "welcome" as const };
    }
    if (force) {
      await tx.update(users).set({ passwordHash: null, updatedAt: now }).where(eq(users.id, target.userId));
      await revokeAllSessions(tx, target.userId, {}, now);
    }
    const token = await issueUserToken(
      tx,
      { userId: target.userId, purpose: "reset_password", email: target.email },
      now,
    );
    await sendEmail(tx, {
      accountId: ctx.account.id,
      template: "reset-password",
      to: target.email,
      subject: resetPasswordSubject(),
      react: createElement(ResetPassword, {
        name: target.name,
        resetUrl: `${config.appUrl()}/reset-password/${token}`,
        sentBy: { name: ctx.user.name, accountName: ctx.account.displayName, forced: force },
      }),
    });
    await recordAuditEvent(tx, {
      action: force ? "member.password_reset_forced" : "member.password_reset_sent",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: auditTarget(target),
      data: { member: target.email },
      meta,
    });
    return { name: target.name, email: target.email, link: "reset" as const };
  });
}
