import "server-only";
import { notFound } from "next/navigation";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { getDb } from "@/db/client";
import { getCurrentSession, type CurrentSession } from "@/lib/auth/current";
import type { ActiveSession } from "@/lib/auth/sessions";

/**
 * Platform operators look after the whole installation (`/admin`). Being one is a flag on the
 * user, not an account role: it gives no access to any account's pages. To everyone else the
 * console does not exist (404), and an acting session ("log in as") is never an operator's.
 */

/** Whether the user is a platform operator right now (and not disabled). Pass the transaction to re-check inside it. */
export async function isOperator(db: Db, userId: string, { lock = false } = {}): Promise<boolean> {
  const query = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.isPlatformOperator, true), isNull(users.disabledAt)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  return Boolean(row);
}

/** Whether a session may use the console: its own user's (never an acting one), an operator's. */
export async function sessionIsOperator(db: Db, session: ActiveSession | null): Promise<boolean> {
  if (!session || session.impersonation) return false;
  return isOperator(db, session.user.id);
}

/** For `/admin` pages: the operator's session, or 404 for everyone else (signed out included). */
export async function requireOperator(): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (!session || !(await sessionIsOperator(await getDb(), session))) notFound();
  return session;
}
