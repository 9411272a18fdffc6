import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { issueUserToken } from "@/lib/users/user-tokens";
import { clearRateLimit, peekRateLimit, takeRateLimit } from "@/lib/rate-limit/rate-limit";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { createSession } from "./sessions";

export const SIGN_IN_FAILED = "Wrong email or password.";
export const SIGN_IN_RATE_LIMITED =
  "Too many failed sign-ins from your network. Wait 15 minutes and try again.";
export const signInSlowed = (seconds: number) =>
  `Too many failed sign-ins for this email. Try again in ${seconds} seconds, or reset your password.`;

/** Failed sign-ins only are counted: a correct password never uses up anyone's budget. */
const FAILURES_PER_EMAIL = { limit: 10, windowSeconds: 15 * 60 };
const FAILURES_PER_IP = { limit: 50, windowSeconds: 15 * 60 };
const MAX_DELAY_SECONDS = 5 * 60;

const emailKey = (email: string) => `sign-in-failed:email:${email.toLowerCase()}`;
const ipKey = (ip: string) => `sign-in-failed:ip:${ip}`;

/** Forgets a run of failed sign-ins for an email (its owner just proved control of it). */
export function clearSignInFailures(db: Db, email: string) {
  return clearRateLimit(db, emailKey(email));
}

/**
 * How long an attempt for an email under attack waits after the last failure: nothing for the
 * first 10 failures in 15 minutes, then 1, 2, 4 … seconds up to 5 minutes. A delay, never a
 * lock-out, and only for addresses the user never signed in from (their own devices go on).
 */
export function slowdownSeconds(failures: number) {
  if (failures < FAILURES_PER_EMAIL.limit) return 0;
  return Math.min(2 ** (failures - FAILURES_PER_EMAIL.limit), MAX_DELAY_SECONDS);
}

async function signedInBefore(db: Db, userId: string, ip: string | null) {
  if (!ip) return false;
  const [row] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.ip, ip)))
    .limit(1);
  return Boolean(row);
}

/**
 * Checks an email and password and opens a session. A wrong email and a wrong password get
 * the same error after the same work (a dummy hash is checked for unknown emails). Failures
 * are counted per IP (a budget, then refused) and per email (a growing delay for new IPs).
 * A user with two-factor on gets a short-lived challenge instead of a session: the code
 * comes next (lib/auth/two-factor-sign-in.ts).
 */
export async function signInWithPassword(
  db: Db,
  credentials: { email: string; password: string },
  meta: RequestMeta,
  now = new Date(),
) {
  const email = credentials.email.trim();
  if (
    meta.ip &&
    (await peekRateLimit(db, ipKey(meta.ip), FAILURES_PER_IP, now)).count >= FAILURES_PER_IP.limit
  ) {
    throw new AppError("rate_limited", SIGN_IN_RATE_LIMITED);
  }

  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
      twoFactorEnabledAt: users.twoFactorEnabledAt,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);

  const failures = await peekRateLimit(db, emailKey(email), FAILURES_PER_EMAIL, now);
  const delay = slowdownSeconds(failures.count);
  if (delay > 0 && failures.lastHitAt && !(user && (await signedInBefore(db, user.id, meta.ip)))) {
    const waitMs = failures.lastHitAt.getTime() + delay * 1000 - now.getTime();
    if (waitMs > 0) throw new AppError("rate_limited", signInSlowed(Math.ceil(waitMs / 1000)));
  }

  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, credentials.password)
    : await verifyAgainstDummy(credentials.password);

  // A user disabled by a platform operator is answered as a wrong password would be.
  if (!user || !passwordOk || user.disabledAt) {
    const { count } = await takeRateLimit(db, emailKey(email), FAILURES_PER_EMAIL, now);
    const actor = user ? { id: user.id, email: user.email } : null;
    if (meta.ip) {
      const perIp = await takeRateLimit(db, ipKey(meta.ip), FAILURES_PER_IP, now);
      if (perIp.count === FAILURES_PER_IP.limit) {
        await recordAuditEvent(db, {
          action: "rate_limit.hit",
          actor,
          data: { limit: "sign-in-failed:ip" },
          meta,
        });
      }
    }
    await recordAuditEvent(db, {
      action: "user.sign_in_failed",
      actor,
      data: { email: email.slice(0, 254) },
      meta,
    });
    if (count === FAILURES_PER_EMAIL.limit) {
      await recordAuditEvent(db, {
        action: "user.sign_in_throttled",
        actor,
        data: { email: email.slice(0, 254) },
        meta,
      });
    }
    throw new AppError("invalid", SIGN_IN_FAILED);
  }

  await clearRateLimit(db, emailKey(email));
  if (user.twoFactorEnabledAt) {
    // The password was right; the session opens only once the second factor is too.
    const challenge = await issueUserToken(
      db,
      { userId: user.id, purpose: "two_factor_sign_in", email: user.email },
      now,
    );
    return { status: "two_factor_required" as const, challenge };
  }
  const sessionToken = await createSession(db, user.id, meta, now);
  await recordAuditEvent(db, { action: "user.signed_in", actor: { id: user.id, email: user.email }, meta });
  return {
    status: "signed_in" as const,
    user: { id: user.id, email: user.email, name: user.name },
    sessionToken,
  };
}
