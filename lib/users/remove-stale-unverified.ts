import "server-only";
import { and, eq, inArray, isNull, lt, notExists, or, sql, gte, ne, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, memberships, sessions, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";

/** How long an unconfirmed user (and the account only they belong to) is kept without activity. */
export const UNVERIFIED_USER_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
const BATCH = 200;

/**
 * Removes users who never confirmed their email within 7 days and did nothing since: no
 * session used in that time, and no account shared with anyone. Such a user is most likely
 * an address someone else typed; removing it frees the address for its owner. The accounts
 * they alone belong to go with them. Returns how many were removed.
 */
export async function removeStaleUnverifiedUsers(db: Db, now = new Date()) {
  const cutoff = new Date(now.getTime() - UNVERIFIED_USER_LIFETIME_MS);
  return db.transaction(async (tx) => {
    const stale = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        and(
          isNull(users.emailVerifiedAt),
          lt(users.createdAt, cutoff),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(sessions)
              .where(and(eq(sessions.userId, users.id), gte(sessions.lastSeenAt, cutoff))),
          ),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(memberships)
              .innerJoin(accounts, eq(accounts.id, memberships.accountId))
              .where(
                and(
                  eq(memberships.userId, users.id),
                  or(ne(memberships.role, "owner"), gt(accounts.memberCount, 1)),
                ),
              ),
          ),
        ),
      )
      .limit(BATCH)
      .for("update", { of: users, skipLocked: true });
    if (stale.length === 0) return 0;
    const ids = stale.map((u) => u.id);
    const owned = tx
      .select({ id: memberships.accountId })
      .from(memberships)
      .where(and(inArray(memberships.userId, ids), eq(memberships.role, "owner")));
    await tx.delete(accounts).where(inArray(accounts.id, owned));
    await tx.delete(users).where(inArray(users.id, ids));
    for (const user of stale) {
      await recordAuditEvent(tx, {
        action: "user.removed_unverified",
        target: { type: "user", id: user.id },
      });
    }
    return stale.length;
  });
}
