import "server-only";
import { createElement } from "react";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import VerifyEmail, { verifyEmailSubject } from "@/emails/verify-email";
import { recordAuditEvent } from "@/lib/audit/record";
import { config } from "@/lib/config";
import { sendEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { takeRateLimit } from "@/lib/rate-limit/rate-limit";
import { consumeUserToken, findUserToken, issueUserToken } from "./user-tokens";

const RESEND_LIMIT = { limit: 3, windowSeconds: 60 * 60 };

export const VERIFY_LINK_INVALID =
  "This link is not valid any more. Sign in and ask for a new one from the banner.";

/** Queues a link that proves `user` owns their email (inside the caller's transaction). */
export async function queueVerificationEmail(
  tx: Db,
  user: { id: string; email: string; name: string },
  now = new Date(),
) {
  const token = await issueUserToken(
    tx,
    { userId: user.id, purpose: "verify_email", email: user.email },
    now,
  );
  await sendEmail(tx, {
    template: "verify-email",
    to: user.email,
    subject: verifyEmailSubject(),
    react: createElement(VerifyEmail, {
      name: user.name,
      verifyUrl: `${config.appUrl()}/verify-email/${token}`,
    }),
  });
}

/** Sends a fresh verification link (a few an hour at most); earlier links stop working. */
export async function resendVerificationEmail(
  db: Db,
  user: { id: string; email: string; name: string; emailVerifiedAt: Date | null },
) {
  if (user.emailVerifiedAt) return;
  const { allowed } = await takeRateLimit(db, `verify-email:${user.id}`, RESEND_LIMIT);
  if (!allowed)
    throw new AppError(
      "rate_limited",
      "We sent several links in the last hour. Check your inbox, or try again later.",
    );
  await db.transaction((tx) => queueVerificationEmail(tx, user));
}

/** The user a verification link would confirm, for its page (null: the link does not work). */
export function findEmailVerification(db: Db, token: string, now = new Date()) {
  return findUserToken(db, token, "verify_email", now);
}

/**
 * Uses a verification link, once, for the user it was issued to — who must be the one
 * using it (signed in as them, or having just entered their password): a link forwarded to,
 * or opened by, somebody else confirms nothing. Marks the address it was sent to as verified.
 */
export async function verifyEmail(
  db: Db,
  token: string,
  user: { id: string },
  meta: RequestMeta,
  now = new Date(),
) {
  const link = await findEmailVerification(db, token, now);
  if (!link) throw new AppError("invalid", VERIFY_LINK_INVALID);
  if (link.user.id !== user.id) {
    throw new AppError("forbidden", `This link confirms the email of another user (${link.email}).`);
  }
  return db.transaction(async (tx) => {
    const used = await consumeUserToken(tx, token, "verify_email", now);
    if (!used) throw new AppError("invalid", VERIFY_LINK_INVALID);
    // Only the address the link went to: after an email change, an old link proves nothing.
    const [verified] = await tx
      .update(users)
      .set({ emailVerifiedAt: now, updatedAt: now })
      .where(and(eq(users.id, used.userId), eq(users.email, used.email)))
      .returning({ id: users.id, email: users.email });
    if (!verified) throw new AppError("invalid", VERIFY_LINK_INVALID);
    await recordAuditEvent(tx, {
      action: "user.email_verified",
      actor: verified,
      target: { type: "user", id: verified.id },
      meta,
    });
    return verified;
  });
}
