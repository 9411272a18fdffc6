import "server-only";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { revokeInvitationsBeyondReach } from "@/lib/invitations/inviter-reach";
import { assertMayManage, auditTarget, lockActorAndTarget } from "./manage";

/**
 * Disables a membership (the recommended alternative to removal): the person stays in the
 * member list with their role, permissions and project access, but cannot open the account —
 * every page and action checks the membership on each request, so it takes effect at their
 * next click, in every session. Enabling gives everything back as it was. Same rank rule as
 * any change to someone's membership; nobody disables themself or the owner.
 */
export async function setMemberDisabled(
  db: Db,
  ctx: MemberContext,
  membershipId: string,
  disabled: boolean,
  meta: RequestMeta,
) {
  if (membershipId === ctx.membership.id) {
    throw new AppError("invalid", "You can't disable your own access. To go, leave the account instead.");
  }
  return db.transaction(async (tx) => {
    const { actor, target } = await lockActorAndTarget(tx, ctx, membershipId);
    assertMayManage(actor, target);
    const now = new Date();
    const [changed] = await tx
      .update(memberships)
      .set(
        disabled
          ? { disabledAt: now, disabledByUserId: ctx.user.id, updatedAt: now }
          : { disabledAt: null, disabledByUserId: null, updatedAt: now },
      )
      .where(
        and(
          eq(memberships.id, target.id),
          disabled ? isNull(memberships.disabledAt) : isNotNull(memberships.disabledAt),
        ),
      )
      .returning({ id: memberships.id });
    // Already so (a double-click, or two administrators at once): nothing to record.
    if (changed) {
      await recordAuditEvent(tx, {
        action: disabled ? "member.disabled" : "member.enabled",
        accountId: ctx.account.id,
        actor: ctx.user,
        target: auditTarget(target),
        data: { member: target.email },
        meta,
      });
      if (disabled) {
        await revokeInvitationsBeyondReach(tx, {
          accountId: ctx.account.id,
          inviterUserIds: [target.userId],
          actor: ctx.user,
          meta,
        });
      }
    }
    return { name: target.name };
  });
}
