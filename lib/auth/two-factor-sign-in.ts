import "server-only";
import type { Db } from "@/db/client";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { checkSecondFactor } from "@/lib/two-factor/second-factor";
import { consumeUserToken, findUserToken } from "@/lib/users/user-tokens";
import { createSession } from "./sessions";

export const CHALLENGE_ENDED = "This sign-in has timed out. Sign in with your password again.";

/**
 * The second step of signing in with two-factor: the challenge from a right password plus a
 * code from the authenticator app (or a recovery code) opens the session. Wrong codes count
 * toward the user's limit; the challenge works for 10 minutes and once.
 */
export async function completeTwoFactorSignIn(
  db: Db,
  input: { challenge: string; code: string },
  meta: RequestMeta,
  now = new Date(),
) {
  const found = await findUserToken(db, input.challenge, "two_factor_sign_in", now);
  if (!found) throw new AppError("invalid", CHALLENGE_ENDED);
  const { user } = found;
  const secondFactor = await checkSecondFactor(db, user, input.code, meta, { now });
  if (!(await consumeUserToken(db, input.challenge, "two_factor_sign_in", now))) {
    throw new AppError("invalid", CHALLENGE_ENDED);
  }
  const sessionToken = await createSession(db, user.id, meta, now);
  await recordAuditEvent(db, {
    action: "user.signed_in",
    actor: { id: user.id, email: user.email },
    data: { secondFactor },
    meta,
  });
  return { user: { id: user.id, email: user.email, name: user.name }, sessionToken };
}

/** Whether a challenge still works (the code page sends a stale one back to the password). */
export async function challengeIsLive(db: Db, challenge: string | undefined) {
  return Boolean(challenge && (await findUserToken(db, challenge, "two_factor_sign_in")));
}
