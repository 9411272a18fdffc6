import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { clearRateLimit, takeRateLimit } from "@/lib/rate-limit/rate-limit";
import { isRecoveryCodeShaped, useRecoveryCode } from "./recovery-codes";
import { totpStep, unsealTotpSecret } from "./totp";

export const WRONG_CODE = "That code is not right. Enter the current code from your authenticator app.";
export const TOO_MANY_WRONG_CODES = "Too many wrong codes. Wait 15 minutes and try again.";

/** Code attempts per user: six digits stay out of reach even for someone who has the password. */
export const CODE_FAILURES = { limit: 10, windowSeconds: 15 * 60 };
const failuresKey = (userId: string) => `two-factor-failed:${userId}`;

export type SecondFactor = "totp" | "recovery_code";

/** Refuses a wrong code on `field` (its attempt was counted already). */
export async function refuseCode(
  db: Db,
  user: { id: string; email: string },
  meta: RequestMeta,
  field: string,
): Promise<never> {
  await recordAuditEvent(db, { action: "user.two_factor_failed", actor: user, meta });
  throw new AppError("invalid", WRONG_CODE, field);
}

/**
 * Counts a code attempt before the code is checked (so that parallel guesses cannot all slip
 * under the limit), and refuses past the limit. A right code forgets the count (`codeAccepted`).
 */
export async function takeCodeAttempt(
  db: Db,
  user: { id: string; email: string },
  meta: RequestMeta,
  field: string,
  now = new Date(),
) {
  const { allowed, firstRefusal } = await takeRateLimit(db, failuresKey(user.id), CODE_FAILURES, now);
  if (allowed) return;
  // The lock-out, once per window, in the user's audit trail.
  if (firstRefusal) {
    await recordAuditEvent(db, {
      action: "rate_limit.hit",
      actor: user,
      data: { limit: "two-factor-code" },
      meta,
    });
  }
  throw new AppError("rate_limited", TOO_MANY_WRONG_CODES, field);
}

export function codeAccepted(db: Db, userId: string) {
  return clearRateLimit(db, failuresKey(userId));
}

/**
 * Checks a code from the user's authenticator app, or one of their recovery codes, and uses
 * it up: a TOTP code is accepted once (later steps only), a recovery code once ever. The
 * user's row is locked meanwhile, so two requests with one code cannot both pass. A wrong
 * code throws on `field` and counts toward the user's limit.
 */
export async function checkSecondFactor(
  db: Db,
  user: { id: string; email: string },
  code: string,
  meta: RequestMeta,
  { field = "code", now = new Date() }: { field?: string; now?: Date } = {},
): Promise<SecondFactor> {
  await takeCodeAttempt(db, user, meta, field, now);
  const accepted = await db.transaction(async (tx): Promise<SecondFactor | null> => {
    const [row] = await tx
      .select({ secret: users.twoFactorSecret, lastStep: users.twoFactorLastStep })
      .from(users)
      .where(eq(users.id, user.id))
      .for("update");
    if (!row?.secret) return null;
    if (isRecoveryCodeShaped(code)) {
      if (!(await useRecoveryCode(tx, user.id, code, now))) return null;
      await recordAuditEvent(tx, { action: "user.recovery_code_used", actor: user, meta });
      return "recovery_code";
    }
    const step = await totpStep(unsealTotpSecret(row.secret), code, row.lastStep, now);
    if (step === null) return null;
    await tx.update(users).set({ twoFactorLastStep: step }).where(eq(users.id, user.id));
    return "totp";
  });
  if (!accepted) return refuseCode(db, user, meta, field);
  await codeAccepted(db, user.id);
  return accepted;
}
