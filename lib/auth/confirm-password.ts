import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { takeRateLimit } from "@/lib/rate-limit/rate-limit";
import { verifyPassword } from "./password";

const PASSWORD_CONFIRM_LIMIT = { limit: 5, windowSeconds: 15 * 60 };

export const WRONG_PASSWORD = "That is not your current password.";

/**
 * A signed-in user confirms a sensitive change (a new password or email, an ownership
 * transfer) with their password. Attempts are limited like signing in, so a stolen session
 * cannot guess the password here; a refusal lands on `field` of the form.
 */
export async function confirmPassword(db: Db, userId: string, password: string, field: string) {
  const { allowed } = await takeRateLimit(db, `password-confirm:${userId}`, PASSWORD_CONFIRM_LIMIT);
  if (!allowed) {
    throw new AppError("rate_limited", "Too many password attempts. Wait 15 minutes and try again.", field);
  }
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, password))) {
    throw new AppError("invalid", WRONG_PASSWORD, field);
  }
}
