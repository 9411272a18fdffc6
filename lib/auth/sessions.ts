import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { SESSION_LIFETIME_SECONDS } from "@/lib/config";
import { hashToken, newToken } from "@/lib/crypto/tokens";
import type { RequestMeta } from "@/lib/http/request-meta";

/** The signed-in user as the app sees them on each request. */
export type SessionUser = { id: string; email: string; name: string; emailVerifiedAt: Date | null };
export type ActiveSession = { sessionId: string; user: SessionUser };

/** Opens a session for a user and returns its token (the only copy: the database keeps a hash). */
export async function createSession(db: Db, userId: string, meta: RequestMeta, now = new Date()) {
  const token = newToken();
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_SECONDS * 1000),
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  return token;
}

/** The session behind a token, if it is neither revoked nor past its absolute lifetime. */
export async function findActiveSession(
  db: Db,
  token: string,
  now = new Date(),
): Promise<ActiveSession | null> {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      user: { id: users.id, email: users.email, name: users.name, emailVerifiedAt: users.emailVerifiedAt },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)),
    )
    .limit(1);
  if (!row) return null;
  // Record activity at most every few minutes, not on every request.
  if (now.getTime() - row.lastSeenAt.getTime() > 5 * 60 * 1000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, row.sessionId), lt(sessions.lastSeenAt, now)));
  }
  return { sessionId: row.sessionId, user: row.user };
}

/** Ends the session behind a token; the token stops working at its next use. */
export async function revokeSession(db: Db, token: string, now = new Date()) {
  const [row] = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)))
    .returning({ userId: sessions.userId });
  return row ?? null;
}
