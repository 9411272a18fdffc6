import "server-only";
import { createElement } from "react";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import SignUpAttempt, { signUpAttemptSubject } from "@/emails/sign-up-attempt";
import { insertAccountWithOwner } from "@/lib/accounts/create-account";
import { holdShortName, SHORT_NAME_TAKEN } from "@/lib/accounts/short-name-holds";
import { recordAuditEvent } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { config } from "@/lib/config";
import { sendEmail } from "@/lib/email/outbox";
import { AppError, uniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { takeRateLimit } from "@/lib/rate-limit/rate-limit";
import { queueVerificationEmail } from "./email-verification";
import { findUserByEmail } from "./queries";
import { UNVERIFIED_USER_LIFETIME_MS } from "./remove-stale-unverified";

export type SignUpInput = {
  name: string;
  email: string;
  password: string;
  shortName: string;
  displayName?: string;
};

export type SignUpOutcome =
  | {
      status: "created";
      user: { id: string; email: string; name: string };
      account: Awaited<ReturnType<typeof insertAccountWithOwner>>;
    }
  | { status: "email_exists" };

/** At most this many "you already have a user" notices per address an hour (silently). */
const NOTICE_LIMIT = { limit: 3, windowSeconds: 60 * 60 };

/**
 * Creates a user, their first account and their owner membership in one transaction: if any
 * step fails (a taken short name), nothing is left behind, and the email that verifies the
 * address is queued with them. For an address that already has a user no user or account is
 * created: its owner is emailed a notice, the short name is held as long as the new account
 * would have lived, and the caller answers exactly as for a new sign-up ("check your email"),
 * so sign-up cannot tell anyone who has a user.
 */
export async function signUpWithAccount(
  db: Db,
  input: SignUpInput,
  meta: RequestMeta,
): Promise<SignUpOutcome> {
  const passwordHash = await hashPassword(input.password); // also spent for an existing email
  const existing = await findUserByEmail(db, input.email);
  if (existing) return answerExistingEmail(db, existing, input.shortName, meta);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash })
        .returning({ id: users.id, email: users.email, name: users.name });
      if (!user) throw new Error("user insert returned nothing");
      await recordAuditEvent(tx, {
        action: "user.signed_up",
        actor: user,
        target: { type: "user", id: user.id },
        meta,
      });
      const account = await insertAccountWithOwner(tx, user, input, meta);
      await queueVerificationEmail(tx, user);
      return { status: "created" as const, user, account };
    });
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === "accounts_short_name_unique")
      throw new AppError("conflict", SHORT_NAME_TAKEN, "shortName");
    if (constraint === "users_email_unique") {
      // A concurrent sign-up with the same address won the race.
      const winner = await findUserByEmail(db, input.email);
      if (winner) return answerExistingEmail(db, winner, input.shortName, meta);
    }
    throw error;
  }
}

async function answerExistingEmail(
  db: Db,
  user: { id: string; email: string; name: string },
  shortName: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<SignUpOutcome> {
  await db.transaction(async (tx) => {
    // The name is taken afterwards as a new sign-up's account would take it (and a taken name
    // is refused as for anyone), so trying the name again says nothing about the email.
    await holdShortName(tx, shortName, new Date(now.getTime() + UNVERIFIED_USER_LIFETIME_MS), now);
    if (!(await takeRateLimit(tx, `sign-up-notice:${user.id}`, NOTICE_LIMIT, now)).allowed) return;
    await sendEmail(tx, {
      template: "sign-up-attempt",
      to: user.email,
      subject: signUpAttemptSubject(),
      react: createElement(SignUpAttempt, {
        name: user.name,
        signInUrl: `${config.appUrl()}/sign-in`,
        resetUrl: `${config.appUrl()}/forgot-password`,
      }),
    });
    await recordAuditEvent(tx, {
      action: "user.sign_up_existing_email",
      target: { type: "user", id: user.id },
      meta,
    });
  });
  return { status: "email_exists" };
}
