import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import type { ActiveSession } from "@/lib/auth/sessions";
import { hashToken, newToken } from "@/lib/crypto/tokens";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { Permission } from "@/lib/permissions/permissions";
import type { MembershipAccess } from "./access";
import { auditTarget, lockActorAndTarget, OWNER_IS_FIXED } from "./manage";

/** How long an administrator may act as someone; never extended. */
export const IMPERSONATION_MINUTES = 60;

export const ALREADY_IMPERSONATING = "You are already acting as someone. Stop first.";

/**
 * Whether `actor` may act as `target` in their account, and if not, why: only someone of
 * lower rank (everything they hold, the actor holds too, and the actor holds more), never the
 * owner or oneself, and only someone who can use the account now.
 */
export function impersonationRefusal(
  actor: { id: string; permissions: ReadonlySet<Permission> },
  target: Pick<
    MembershipAccess,
    "id" | "role" | "name" | "permissions" | "disabledAt" | "awaitingApprovalSince"
  >,
): string | null {
  const holdsMore = (
    a: { permissions: ReadonlySet<Permission> },
    b: { permissions: ReadonlySet<Permission> },
  ) => [...a.permissions].some((p) => !b.permissions.has(p));
  if (actor.id === target.id) return "You can't act as yourself.";
  if (target.role === "owner") return OWNER_IS_FIXED;
  if (holdsMore(target, actor) || !holdsMore(actor, target)) {
    return `You can only act as people whose permissions are fewer than yours; ${target.name} holds as much as you or more.`;
  }
  if (target.disabledAt) return `${target.name}'s access is disabled: enable it first.`;
  if (target.awaitingApprovalSince) return `${target.name} is waiting for approval.`;
  return null;
}

/**
 * Starts "log in as": a session of the target's user, in this account only, for at most
 * IMPERSONATION_MINUTES, remembering the administrator's own session (`session`) to return
 * to. The reason is required and audit-logged. Returns the new session's token, for the
 * caller to put in the browser's cookie in place of the administrator's.
 */
export async function startImpersonation(
  db: Db,
  ctx: MemberContext,
  session: ActiveSession,
  input: { membershipId: string; reason: string },
  meta: RequestMeta,
  now = new Date(),
) {
  if (session.impersonation) throw new AppError("forbidden", ALREADY_IMPERSONATING);
  return db.transaction(async (tx) => {
    const { actor, target } = await lockActorAndTarget(tx, ctx, input.membershipId);
    const refusal = impersonationRefusal(actor, target);
    if (refusal) throw new AppError("forbidden", refusal);
    const token = newToken();
    const [created] = await tx
      .insert(sessions)
      .values({
        tokenHash: hashToken(token),
        userId: target.userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + IMPERSONATION_MINUTES * 60 * 1000),
        ip: meta.ip,
        userAgent: meta.userAgent,
        impersonatorUserId: ctx.user.id,
        impersonationAccountId: ctx.account.id,
        impersonationReason: input.reason,
        resumeSessionId: session.sessionId,
      })
      .returning({ id: sessions.id });
    await recordAuditEvent(tx, {
      action: "member.impersonation_started",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: auditTarget(target),
      data: {
        member: target.email,
        reason: input.reason,
        sessionId: created?.id,
        minutes: IMPERSONATION_MINUTES,
      },
      meta,
    });
    return { token, name: target.name };
  });
}

/**
 * Stops acting as someone: the acting session ends, and the administrator's own session (if
 * it still works) gets a fresh token — the browser held it no more — which the caller puts
 * back in the cookie. Null when their own session ended meanwhile: they sign in again.
 */
export async function stopImpersonation(
  db: Db,
  session: ActiveSession & { token: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<{ token: string } | null> {
  const { impersonation } = session;
  if (!impersonation) throw new AppError("invalid", "You are not acting as anyone.");
  return db.transaction(async (tx) => {
    const [ended] = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.id, session.sessionId), isNull(sessions.revokedAt)))
      .returning({ resumeSessionId: sessions.resumeSessionId });
    await recordAuditEvent(tx, {
      action: "member.impersonation_stopped",
      accountId: impersonation.account.id,
      actor: session.user,
      target: { type: "user", id: session.user.id },
      data: { member: session.user.email },
      meta: { ...meta, impersonator: impersonation.impersonator },
    });
    if (!ended?.resumeSessionId) return null;
    const token = newToken();
    const [resumed] = await tx
      .update(sessions)
      .set({ tokenHash: hashToken(token), lastSeenAt: now })
      .where(
        and(
          eq(sessions.id, ended.resumeSessionId),
          eq(sessions.userId, impersonation.impersonator.id),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, now),
        ),
      )
      .returning({ id: sessions.id });
    return resumed ? { token } : null;
  });
}
