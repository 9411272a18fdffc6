import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { confirmPassword } from "@/lib/auth/confirm-password";
import { hashPassword } from "@/lib/auth/password";
import { revokeAllSessions, revokeSessionOf } from "@/lib/auth/sessions";
import { AppError, uniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";

export const USERNAME_TAKEN = "This user name is taken. Choose another one.";

type Me = { id: string; email: string };

/** What the profile page shows and edits. */
export async function loadProfile(db: Db, userId: string) {
  const [row] = await db
    .select({
      name: users.name,
      displayName: users.displayName,
      username: users.username,
      company: users.company,
      email: users.email,
      twoFactorEnabledAt: users.twoFactorEnabledAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw new AppError("not_found", "Not found.");
  return row;
}

/** Saves my names and company; an empty display name, user name or company clears it. A user name is unique in any case. */
export async function updateProfile(
  db: Db,
  me: Me,
  input: { name: string; displayName: string; username: string; company: string },
  meta: RequestMeta,
) {
  const changes = {
    name: input.name,
    displayName: input.displayName || null,
    username: input.username || null,
    company: input.company || null,
  };
  try {
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ ...changes, updatedAt: new Date() })
        .where(eq(users.id, me.id));
      await recordAuditEvent(tx, {
        action: "user.profile_updated",
        actor: me,
        target: { type: "user", id: me.id },
        data: changes,
        meta,
      });
    });
  } catch (error) {
    if (uniqueViolation(error) === "users_username_unique")
      throw new AppError("conflict", USERNAME_TAKEN, "username");
    throw error;
  }
}

/**
 * Changes my password, confirmed with the current one (rate-limited like signing in). Every
 * other session of mine ends; the one making the change goes on.
 */
export async function changePassword(
  db: Db,
  me: Me,
  currentSessionId: string,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
) {
  await confirmPassword(db, me.id, input.currentPassword, "currentPassword", { meta });
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, me.id));
    const ended = await revokeAllSessions(tx, me.id, { except: currentSessionId });
    await recordAuditEvent(tx, {
      action: "user.password_changed",
      actor: me,
      target: { type: "user", id: me.id },
      data: { sessionsEnded: ended },
      meta,
    });
    return { sessionsEnded: ended };
  });
}

/** Signs out one of my other sessions (from the sessions list). */
export async function signOutSession(db: Db, me: Me, sessionId: string, meta: RequestMeta) {
  if (!(await revokeSessionOf(db, me.id, sessionId))) {
    throw new AppError("not_found", "This session has already ended.");
  }
  await recordAuditEvent(db, {
    action: "user.session_revoked",
    actor: me,
    target: { type: "session", id: sessionId },
    meta,
  });
}

/** Signs out every session of mine but this one. */
export async function signOutOtherSessions(db: Db, me: Me, currentSessionId: string, meta: RequestMeta) {
  const ended = await revokeAllSessions(db, me.id, { except: currentSessionId });
  await recordAuditEvent(db, {
    action: "user.sessions_revoked",
    actor: me,
    data: { sessionsEnded: ended },
    meta,
  });
  return { sessionsEnded: ended };
}
