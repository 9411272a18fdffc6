import "server-only";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { RequestMeta } from "@/lib/http/request-meta";

/** Every action the audit log knows, so that a typo cannot invent a new one. */
export type AuditAction =
  | "operator.granted"
  | "operator.revoked"
  | "operator.user_disabled"
  | "operator.user_enabled"
  | "operator.user_deleted"
  | "user.signed_up"
  | "user.signed_in"
  | "user.sign_in_failed"
  | "user.signed_out"
  | "user.sign_in_throttled"
  | "user.sign_up_existing_email"
  | "user.password_reset_requested"
  | "user.password_reset"
  | "user.password_changed"
  | "user.profile_updated"
  | "user.email_change_requested"
  | "user.email_changed"
  | "user.session_revoked"
  | "user.sessions_revoked"
  | "user.taken_over"
  | "user.removed_unverified"
  | "user.two_factor_enabled"
  | "user.two_factor_disabled"
  | "user.two_factor_failed"
  | "user.recovery_code_used"
  | "user.recovery_codes_renewed"
  | "rate_limit.hit"
  | "user.password_confirmation_failed"
  | "authorization.denied"
  | "account.created"
  | "account.updated"
  | "account.two_factor_requirement_changed"
  | "account.approval_requirement_changed"
  | "account.default_role_changed"
  | "account.join_link_changed"
  | "account.join_link_settings_changed"
  | "account.plan_changed"
  | "user.email_verified"
  | "invitation.created"
  | "invitation.resent"
  | "invitation.link_copied"
  | "invitation.revoked"
  | "invitation.accepted"
  | "invitation.declined"
  | "email.delivery_failed"
  | "role.created"
  | "role.updated"
  | "role.deleted"
  | "member.role_changed"
  | "member.permissions_changed"
  | "member.removed"
  | "member.profile_updated"
  | "member.deleted"
  | "member.left"
  | "member.disabled"
  | "member.approved"
  | "member.rejected"
  | "member.enabled"
  | "member.password_reset_sent"
  | "member.password_reset_forced"
  | "member.added"
  | "member.impersonation_started"
  | "member.impersonation_stopped"
  | "member.welcome_sent"
  | "user.password_set"
  | "members.exported"
  | "audit.exported"
  | "account.ownership_transferred"
  | "project.created"
  | "project.updated"
  | "project.archived"
  | "project.unarchived"
  | "project.deleted"
  | "project.member_added"
  | "project.member_role_changed"
  | "project.member_removed"
  | "repository.created"
  | "repository.updated"
  | "repository.deleted"
  | "repository.linked"
  | "repository.unlinked";

export type AuditEventInput = {
  action: AuditAction;
  accountId?: string | null;
  actor?: { id: string; email: string } | null;
  /**
   * What the event is about. `userId` names the person it is about (a membership's user, say),
   * for the log's "person" filter; a target of type "user" is that person without saying so.
   */
  target?: { type: string; id: string; userId?: string | null } | null;
  /** Before/after values and other detail. Never a password, token or hash. */
  data?: Record<string, unknown>;
  meta?: RequestMeta;
};

/**
 * Appends one event to the audit log. Pass the transaction that makes the change, so the
 * event and the change commit (or roll back) together.
 */
export async function recordAuditEvent(db: Db, event: AuditEventInput): Promise<void> {
  await db.insert(auditEvents).values({
    action: event.action,
    accountId: event.accountId ?? null,
    actorUserId: event.actor?.id ?? null,
    actorEmail: event.actor?.email ?? null,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id ?? null,
    targetUserId: event.target?.userId ?? (event.target?.type === "user" ? event.target.id : null),
    data: event.data ?? {},
    ip: event.meta?.ip ?? null,
    userAgent: event.meta?.userAgent ?? null,
    impersonatorUserId: event.meta?.impersonator?.id ?? null,
    impersonatorEmail: event.meta?.impersonator?.email ?? null,
  });
}
