import "server-only";
import { createElement } from "react";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { userTokens, users } from "@/db/schema";
import ResetPassword, { resetPasswordSubject } from "@/emails/reset-password";
import { recordAuditEvent } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { clearSignInFailures } from "@/lib/auth/sign-in";
import { config } from "@/lib/config";
import { sendEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { enforceRateLimit, takeRateLimit } from "@/lib/rate-limit/rate-limit";
import { claimUnverifiedUser } from "./claim-unverified";
import { findUserByEmail } from "./queries";
import { consumeUserToken, issueUserToken } from "./user-tokens";

export const RESET_LINK_INVALID =
  "This link is not valid any more: it was used, a newer one was sent, or it expired. Ask for a new one.";

const PER_IP = { limit: 10, windowSeconds: 60 * 60 };
/** Silently: the answer must not tell whether the address has a user. */
const PER_EMAIL = { limit: 3, windowSeconds: 60 * 60 };

/**
 * "Forgot your password?": emails a single-use link (valid 1 hour) if the address has a user,
 * and does nothing otherwise. The caller answers the same in both cases.
 */
export async function requestPasswordReset(db: Db, email: string, meta: RequestMeta, now = new Date()) {
  await enforceRateLimit(
    db,
    {
      name: "password-reset:ip",
      subject: meta.ip,
      limit: PER_IP,
      message: "Too many reset requests from your network. Try again in an hour.",
    },
    meta,
  );
  const user = await findUserByEmail(db, email);
  if (!user) return;
  if (!(await takeRateLimit(db, `password-reset:email:${user.id}`, PER_EMAIL, now)).allowed) return;
  await db.transaction(async (tx) => {
    const token = await issueUserToken(
      tx,
      { userId: user.id, purpose: "reset_password", email: user.email },
      now,
    );
    await sendEmail(tx, {
      template: "reset-password",
      to: user.email,
      subject: resetPasswordSubject(),
      react: createElement(ResetPassword, {
        name: user.name,
        resetUrl: `${config.appUrl()}/reset-password/${token}`,
      }),
    });
    await recordAuditEvent(tx, {
      action: "user.password_reset_requested",
      actor: null,
      target: { type: "user", id: user.id },
      meta,
    });
  });
}

/**
 * Sets a new password through a reset link, once. Every session of the user ends (the caller
 * signs the person in afresh), every other reset link dies, and a run of failed sign-ins is
 * forgotten. The link proves the address, so an unverified user is taken over by its owner.
 */
export function resetPassword(
  db: Db,
  token: string,
  newPassword: string,
  meta: RequestMeta,
  now = new Date(),
) {
  return choosePasswordWithLink(db, { token, purpose: "reset_password", newPassword }, meta, now);
}

/**
 * Sets the first password of a person an administrator added, through their welcome link
 * (valid 3 hours), once. The link proves the address, so the user counts as confirmed.
 */
export function setFirstPassword(
  db: Db,
  token: string,
  newPassword: string,
  meta: RequestMeta,
  now = new Date(),
) {
  return choosePasswordWithLink(db, { token, purpose: "set_password", newPassword }, meta, now);
}

/** Both kinds of emailed password link: every link of either kind dies when one is used. */
async function choosePasswordWithLink(
  db: Db,
  input: { token: string; purpose: "reset_password" | "set_password"; newPassword: string },
  meta: RequestMeta,
  now: Date,
) {
  const passwordHash = await hashPassword(input.newPassword);
  const user = await db.transaction(async (tx) => {
    const used = await consumeUserToken(tx, input.token, input.purpose, now);
    if (!used) throw new AppError("invalid", RESET_LINK_INVALID);
    const [user] = await tx
      .select({ id: users.id, email: users.email, emailVerifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(and(eq(users.id, used.userId), eq(users.email, used.email)))
      .for("update");
    // The address changed since the link was sent: it proves nothing about the user now.
    if (!user) throw new AppError("invalid", RESET_LINK_INVALID);
    if (!user.emailVerifiedAt && input.purpose === "reset_password") {
      await claimUnverifiedUser(tx, user, { passwordHash }, "password_reset", meta, now);
    } else {
      // A welcome link goes only to a user an administrator made, with no password yet and
      // nothing of anyone else's to discard: it confirms the address and sets the first password.
      await tx
        .update(users)
        .set({
          passwordHash,
          updatedAt: now,
          emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`,
        })
        .where(eq(users.id, user.id));
      await revokeAllSessions(tx, user.id, {}, now);
    }
    await tx
      .update(userTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(userTokens.userId, user.id),
          inArray(userTokens.purpose, ["reset_password", "set_password"]),
          isNull(userTokens.usedAt),
        ),
      );
    await recordAuditEvent(tx, {
      action: input.purpose === "set_password" ? "user.password_set" : "user.password_reset",
      actor: user,
      target: { type: "user", id: user.id },
      meta,
    });
    return user;
  });
  await clearSignInFailures(db, user.email);
  return { email: user.email };
}
