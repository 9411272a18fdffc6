import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { takeRateLimit } from "@/lib/rate-limit/rate-limit";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { createSession } from "./sessions";

export const SIGN_IN_FAILED = "Wrong email or password.";
export const SIGN_IN_RATE_LIMITED =
  "Too many sign-in attempts for this email. Wait 15 minutes and try again.";
const SIGN_IN_LIMIT = { limit: 10, windowSeconds: 15 * 60 };

/**
 * Checks an email and password and opens a session. A wrong email and a wrong password get
 * the same error after the same work (a dummy hash is checked for unknown emails).
 */
export async function signInWithPassword(
  db: Db,
  credentials: { email: string; password: string },
  meta: RequestMeta,
) {
  const email = credentials.email.trim();
  const { allowed } = await takeRateLimit(db, `sign-in:${email.toLowerCase()}`, SIGN_IN_LIMIT);
  if (!allowed) {
    throw new AppError("rate_limited", SIGN_IN_RATE_LIMITED);
  }

  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, credentials.password)
    : await verifyAgainstDummy(credentials.password);

  if (!user || !passwordOk) {
    await recordAuditEvent(db, {
      action: "user.sign_in_failed",
      actor: user ? { id: user.id, email: user.email } : null,
      data: { email: email.slice(0, 254) },
      meta,
    });
    throw new AppError("invalid", SIGN_IN_FAILED);
  }

  const sessionToken = await createSession(db, user.id, meta);
  await recordAuditEvent(db, { action: "user.signed_in", actor: { id: user.id, email: user.email }, meta });
  return { user: { id: user.id, email: user.email, name: user.name }, sessionToken };
}
