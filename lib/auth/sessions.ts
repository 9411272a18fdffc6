import "server-only";
import { and, desc, eq, gt, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { accounts, sessions, users, type MembershipRole } from "@/db/schema";
import { config, SESSION_LIFETIME_SECONDS } from "@/lib/config";
import { hashToken, newToken } from "@/lib/crypto/tokens";
import type { RequestMeta } from "@/lib/http/request-meta";

/** The signed-in user as the app sees them on each request. */
export type SessionUser = {
  id: string;
  email: string;
  name: string;
  displayName: string | null;
  emailVerifiedAt: Date | null;
  twoFactorEnabledAt: Date | null;
};
/** An administrator acting as the session's user ("log in as"), in one account, for a while. */
export type Impersonation = {
  impersonator: { id: string; email: string; name: string };
  account: { id: string; shortName: string; displayName: string };
  reason: string;
  expiresAt: Date;
};
export type ActiveSession = { sessionId: string; user: SessionUser; impersonation: Impersonation | null };

/** An account in the frame's switcher: one the user may open (not disabled, not awaiting approval). */
export type FrameAccount = {
  id: string;
  shortName: string;
  displayName: string;
  role: MembershipRole;
  customRoleName: string | null;
};
/**
 * What the frame of every signed-in page shows besides the user: the accounts they may open
 * and how many open invitations are addressed to their email. Read with the session, in its
 * statement, so that the frame costs a page no statement of its own.
 */
export type SessionFrame = { accounts: FrameAccount[]; invitationCount: number };

/**
 * Whether a session may use an account: any account of its user's, or, while an administrator
 * acts as the user, only the account they act in (their other accounts stay out of reach).
 */
export function sessionReachesAccount(session: ActiveSession, accountId: string) {
  return !session.impersonation || session.impersonation.account.id === accountId;
}

const impersonatorUser = alias(users, "impersonator");
const impersonationAccount = alias(accounts, "impersonation_account");
const resumeSession = alias(sessions, "resume_session");

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

/** Sessions that still work: not revoked, within their absolute lifetime, used recently enough. */
function liveSessions(now: Date) {
  return and(
    isNull(sessions.revokedAt),
    gt(sessions.expiresAt, now),
    gt(sessions.lastSeenAt, new Date(now.getTime() - config.sessionIdleSeconds() * 1000)),
  );
}

/**
 * The session behind a token, if it is not revoked, expired, or idle for too long. An
 * impersonation session also needs the administrator's own session to be live: ending theirs
 * (signing out everywhere, a password change, being disabled) ends the acting too.
 */
export async function findActiveSession(
  db: Db,
  token: string,
  now = new Date(),
): Promise<ActiveSession | null> {
  const found = await loadActiveSession(db, token, now, false);
  return found && { sessionId: found.sessionId, user: found.user, impersonation: found.impersonation };
}

/** findActiveSession, with what the frame of a page shows (SessionFrame), in the same statement. */
export async function findActiveSessionWithFrame(
  db: Db,
  token: string,
  now = new Date(),
): Promise<(ActiveSession & { frame: SessionFrame }) | null> {
  const found = await loadActiveSession(db, token, now, true);
  return found && { ...found, frame: found.frame! };
}

// Correlated to the session's user; each walks an index (memberships_user_idx,
// invitations_email_idx) and reads a handful of rows.
const openableAccountsOf = (userId: SQL) => sql<FrameAccount[] | string>`coalesce((
  select json_agg(json_build_object('id', a.id, 'shortName', a.short_name, 'displayName', a.display_name,
    'role', m.role, 'customRoleName', cr.name) order by a.display_name, a.short_name)
  from memberships m join accounts a on a.id = m.account_id left join custom_roles cr on cr.id = m.custom_role_id
  where m.user_id = ${userId} and m.disabled_at is null and m.awaiting_approval_since is null), '[]'::json)`;
const openInvitationCount = (email: SQL, now: Date) => sql<number>`(
  select count(*) from invitations i
  where i.email = ${email} and i.status = 'pending' and i.expires_at > ${now.toISOString()}::timestamptz)`;

async function loadActiveSession(db: Db, token: string, now: Date, withFrame: boolean) {
  const [row] = await db
    .select({
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        displayName: users.displayName,
        emailVerifiedAt: users.emailVerifiedAt,
        twoFactorEnabledAt: users.twoFactorEnabledAt,
      },
      reason: sessions.impersonationReason,
      impersonator: { id: impersonatorUser.id, email: impersonatorUser.email, name: impersonatorUser.name },
      account: {
        id: impersonationAccount.id,
        shortName: impersonationAccount.shortName,
        displayName: impersonationAccount.displayName,
      },
      frameAccounts: withFrame ? openableAccountsOf(sql`${users.id}`) : sql<null>`null`,
      invitationCount: withFrame
        ? openInvitationCount(sql`${users.email}`, now).mapWith(Number)
        : sql<null>`null`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(impersonatorUser, eq(impersonatorUser.id, sessions.impersonatorUserId))
    .leftJoin(impersonationAccount, eq(impersonationAccount.id, sessions.impersonationAccountId))
    .leftJoin(resumeSession, eq(resumeSession.id, sessions.resumeSessionId))
    .where(
      and(
        eq(sessions.tokenHash, hashToken(token)),
        liveSessions(now),
        // A user a platform operator disabled has no working session (theirs were ended too).
        isNull(users.disabledAt),
        or(
          isNull(sessions.resumeSessionId),
          and(isNull(resumeSession.revokedAt), gt(resumeSession.expiresAt, now)),
        ),
      ),
    )
    .limit(1);
  if (!row) return null;
  const impersonation: Impersonation | null =
    row.impersonator && row.account
      ? {
          impersonator: row.impersonator,
          account: row.account,
          reason: row.reason ?? "",
          expiresAt: row.expiresAt,
        }
      : null;
  // Record activity at most every few minutes, not on every request.
  if (now.getTime() - row.lastSeenAt.getTime() > 5 * 60 * 1000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, row.sessionId), lt(sessions.lastSeenAt, now)));
  }
  const frame: SessionFrame | null = withFrame
    ? {
        accounts: (typeof row.frameAccounts === "string"
          ? JSON.parse(row.frameAccounts)
          : row.frameAccounts) as FrameAccount[],
        invitationCount: Number(row.invitationCount),
      }
    : null;
  return { sessionId: row.sessionId, user: row.user, impersonation, frame };
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

/**
 * Ends every session of a user (but `except`, the one making the change), at once: each
 * replayed cookie fails at its next request. Password change and reset, email change and
 * "sign out everywhere else" all end sessions through here. Returns how many ended.
 */
export async function revokeAllSessions(
  db: Db,
  userId: string,
  { except }: { except?: string } = {},
  now = new Date(),
) {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        except ? ne(sessions.id, except) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return ended.length;
}

/** Ends one of a user's own sessions (from the sessions list); false if it was not theirs or already over. */
export async function revokeSessionOf(db: Db, userId: string, sessionId: string, now = new Date()) {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return ended.length > 0;
}

/** A user's sessions that still work, the most recently used first. */
export async function listLiveSessions(db: Db, userId: string, now = new Date()) {
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), liveSessions(now)))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(100);
}
