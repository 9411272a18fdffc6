import "server-only";
import { createElement } from "react";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import EmailChange, { emailChangeSubject } from "@/emails/email-change";
import EmailChangeNotice, { emailChangeNoticeSubject } from "@/emails/email-change-notice";
import { recordAuditEvent } from "@/lib/audit/record";
import { confirmPassword } from "@/lib/auth/confirm-password";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { config } from "@/lib/config";
import { sendEmail } from "@/lib/email/outbox";
import { AppError, uniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { enforceRateLimit } from "@/lib/rate-limit/rate-limit";
import { findUserByEmail } from "./queries";
import { consumeUserToken, findUserToken, issueUserToken } from "./user-tokens";

/** Says nothing about whose the address is. */
export const ADDRESS_UNAVAILABLE = "This address cannot be used. Choose another one.";
export const EMAIL_CHANGE_LINK_INVALID =
  "This link is not valid any more: it was used, a newer one was sent, or it expired. Ask for a new one from your profile.";

const PER_IP = { limit: 10, windowSeconds: 60 * 60 };
const PER_USER = { limit: 5, windowSeconds: 60 * 60 };

type Me = { id: string; email: string; name: string };

/**
 * Asks to sign in with another address, confirmed with the password: a link goes to the new
 * address (valid 24 hours; an earlier request's link dies) and a notice to the current one.
 * The address used to sign in changes only when the link is followed.
 */
export async function requestEmailChange(
  db: Db,
  me: Me,
  input: { newEmail: string; password: string },
  meta: RequestMeta,
) {
  await enforceRateLimit(
    db,
    {
      name: "email-change:ip",
      subject: meta.ip,
      limit: PER_IP,
      message: "Too many requests from your network. Try again in an hour.",
    },
    meta,
    me,
  );
  await confirmPassword(db, me.id, input.password, "password", { meta });
  if (input.newEmail.toLowerCase() === me.email.toLowerCase()) {
    throw new AppError("invalid", "This is already your email address.", "newEmail");
  }
  if (await findUserByEmail(db, input.newEmail))
    throw new AppError("conflict", ADDRESS_UNAVAILABLE, "newEmail");
  await enforceRateLimit(
    db,
    {
      name: "email-change:user",
      subject: me.id,
      limit: PER_USER,
      message: "You asked for several email changes in the last hour. Try again later.",
    },
    meta,
    me,
  );
  await db.transaction(async (tx) => {
    const token = await issueUserToken(tx, { userId: me.id, purpose: "change_email", email: input.newEmail });
    await sendEmail(tx, {
      template: "email-change",
      to: input.newEmail,
      subject: emailChangeSubject(),
      react: createElement(EmailChange, {
        name: me.name,
        newEmail: input.newEmail,
        confirmUrl: `${config.appUrl()}/confirm-email/${token}`,
      }),
    });
    await sendEmail(tx, {
      template: "email-change-notice",
      to: me.email,
      subject: emailChangeNoticeSubject(),
      react: createElement(EmailChangeNotice, {
        name: me.name,
        newEmail: input.newEmail,
        resetUrl: `${config.appUrl()}/forgot-password`,
      }),
    });
    await recordAuditEvent(tx, {
      action: "user.email_change_requested",
      actor: me,
      target: { type: "user", id: me.id },
      data: { to: input.newEmail },
      meta,
    });
  });
}

/** What the confirmation page shows: the new address, or null for a link that does not work. */
export function findEmailChange(db: Db, token: string) {
  return findUserToken(db, token, "change_email");
}

/**
 * Follows the link sent to the new address, once: it becomes the address the user signs in
 * with (verified, since the link reached it), and every session of the user ends but the
 * confirmer's own, when they are signed in as that user.
 */
export async function confirmEmailChange(
  db: Db,
  token: string,
  confirmer: { userId: string; sessionId: string } | null,
  meta: RequestMeta,
) {
  const now = new Date();
  try {
    return await db.transaction(async (tx) => {
      const used = await consumeUserToken(tx, token, "change_email", now);
      if (!used) throw new AppError("invalid", EMAIL_CHANGE_LINK_INVALID);
      const [before] = await tx
        .select({ email: users.email })
        .from(users)
        .where(eq(users.id, used.userId))
        .for("update");
      const [changed] = await tx
        .update(users)
        .set({ email: used.email, emailVerifiedAt: now, updatedAt: now })
        .where(and(eq(users.id, used.userId), ne(users.email, used.email)))
        .returning({ id: users.id, email: users.email });
      if (!changed) throw new AppError("invalid", EMAIL_CHANGE_LINK_INVALID);
      const keep = confirmer?.userId === changed.id ? confirmer.sessionId : undefined;
      await revokeAllSessions(tx, changed.id, { except: keep }, now);
      await recordAuditEvent(tx, {
        action: "user.email_changed",
        actor: changed,
        target: { type: "user", id: changed.id },
        data: { from: before?.email, to: changed.email },
        meta,
      });
      return changed;
    });
  } catch (error) {
    if (uniqueViolation(error) === "users_email_unique") throw new AppError("conflict", ADDRESS_UNAVAILABLE);
    throw error;
  }
}
