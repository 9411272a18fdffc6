import { createElement } from "react";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { userTokens, users } from "@/db/schema";
import VerifyEmail, { verifyEmailSubject } from "@/emails/verify-email";
import { recordAuditEvent } from "@/lib/audit/record";
import { config } from "@/lib/config";
import { hashToken, newToken } from "@/lib/crypto/tokens";
import { sendEmail } from "@/lib/email/outbox";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { takeRateLimit } from "@/lib/rate-limit/rate-limit";

const VERIFY_TTL_MS = 3 * 24 * 60 * 60 * 1000;
const RESEND_LIMIT = { limit: 3, windowSeconds: 60 * 60 };

export const VERIFY_LINK_INVALID =
  "This link is not valid any more. Sign in and ask for a new one from the banner.";

/** Queues a link that proves `user` owns their email (inside the caller's transaction). */
export async function queueVerificationEmail(
  tx: Db,
  user: { id: string; email: string; name: string },
  now = new Date(),
) {
  const token = newToken();
  await tx.insert(userTokens).values({
    userId: user.id,
    purpose: "verify_email",
    email: user.email,
    tokenHash: hashToken(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + VERIFY_TTL_MS),
  });
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

/** Sends a fresh verification link (a few an hour at most). */
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

/** Uses a verification link, once: marks the address it was sent to as verified. */
export async function verifyEmail(db: Db, token: string, meta: RequestMeta, now = new Date()) {
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(userTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(userTokens.tokenHash, hashToken(token)),
          eq(userTokens.purpose, "verify_email"),
          isNull(userTokens.usedAt),
          gt(userTokens.expiresAt, now),
        ),
      )
      .returning({ userId: userTokens.userId, email: userTokens.email });
    if (!used) throw new AppError("invalid", VERIFY_LINK_INVALID);
    // Only the address the link went to: after an email change, an old link proves nothing.
    const [user] = await tx
      .update(users)
      .set({ emailVerifiedAt: now, updatedAt: now })
      .where(and(eq(users.id, used.userId), eq(users.email, used.email)))
      .returning({ id: users.id, email: users.email });
    if (!user) throw new AppError("invalid", VERIFY_LINK_INVALID);
    await recordAuditEvent(tx, {
      action: "user.email_verified",
      actor: user,
      target: { type: "user", id: user.id },
      meta,
    });
    return user;
  });
}
