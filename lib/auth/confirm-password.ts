import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { NO_REQUEST_META, type RequestMeta } from "@/lib/http/request-meta";
import { takeRateLimit } from "@/lib/rate-limit/rate-limit";
import { verifyPassword } from "./password";

const PASSWORD_CONFIRM_LIMIT = { limit: 5, windowSeconds: 15 * 60 };
const PASSWORD_CONFIRM_KEY = "password-confirm";

export const WRONG_PASSWORD = "That is not your current password.";
export const TOO_MANY_PASSWORD_ATTEMPTS = "Too many password attempts. Wait 15 minutes and try again.";

/**
 * A signed-in user confirms a sensitive change (a new password or email, an ownership
 * transfer) with their password. Attempts are limited like signing in, so a stolen session
 * cannot guess the password here; a refusal lands on `field` of the form. A wrong password
 * is audit-logged ("user.password_confirmation_failed"), and so is the attempt that reaches
 * the limit ("rate_limit.hit"), each in a write of its own: call this outside a transaction.
 * `audit` says where the request came from and, for a change inside an account, which one.
 */
export async function confirmPassword(
  db: Db,
  userId: string,
  password: string,
  field: string,
  audit: { meta?: RequestMeta; accountId?: string | null } = {},
) {
  const meta = audit.meta ?? NO_REQUEST_META;
  const accountId = audit.accountId ?? null;
  const { allowed, firstRefusal } = await takeRateLimit(
    db,
    `${PASSWORD_CONFIRM_KEY}:${userId}`,
    PASSWORD_CONFIRM_LIMIT,
  );
  const [row] = await db
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  const actor = row ? { id: userId, email: row.email } : null;
  if (!allowed) {
    if (firstRefusal) {
      await recordAuditEvent(db, {
        action: "rate_limit.hit",
        accountId,
        actor,
        data: { limit: PASSWORD_CONFIRM_KEY },
        meta,
      });
    }
    throw new AppError("rate_limited", TOO_MANY_PASSWORD_ATTEMPTS, field);
  }
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, password))) {
    await recordAuditEvent(db, { action: "user.password_confirmation_failed", accountId, actor, meta });
    throw new AppError("invalid", WRONG_PASSWORD, field);
  }
}
