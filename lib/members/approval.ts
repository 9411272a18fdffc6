import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { auditTarget, lockActorAndTarget, outranks } from "./manage";

const NOT_WAITING = "This person is not waiting for approval (any more).";

/**
 * Approves or rejects someone who joined while the account required approval. Takes
 * `members.approve`, and — as for any change to someone's membership — the approver must hold
 * every permission the newcomer would get, so approval cannot hand out more than one has.
 * Approving lets them in at their next request; rejecting ends the membership (and any project
 * access the invitation carried).
 */
export async function decideApproval(
  db: Db,
  ctx: MemberContext,
  membershipId: string,
  decision: "approve" | "reject",
  meta: RequestMeta,
) {
  return db.transaction(async (tx) => {
    const { actor, target } = await lockActorAndTarget(tx, ctx, membershipId);
    if (!actor.permissions.has("members.approve")) {
      throw new AppError("forbidden", "You don't have permission to approve new members.");
    }
    if (!target.awaitingApprovalSince) throw new AppError("conflict", NOT_WAITING);
    if (outranks(target, actor)) {
      throw new AppError(
        "forbidden",
        `${target.name} would get permissions you don't have, so someone who holds them must decide.`,
      );
    }
    const now = new Date();
    const waiting = and(eq(memberships.id, target.id), isNotNull(memberships.awaitingApprovalSince));
    if (decision === "approve") {
      await tx
        .update(memberships)
        .set({ awaitingApprovalSince: null, approvedAt: now, approvedByUserId: ctx.user.id, updatedAt: now })
        .where(waiting);
    } else {
      await tx.delete(memberships).where(waiting);
      await tx
        .update(users)
        .set({ lastAccountId: null })
        .where(and(eq(users.id, target.userId), eq(users.lastAccountId, ctx.account.id)));
    }
    await recordAuditEvent(tx, {
      action: decision === "approve" ? "member.approved" : "member.rejected",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: auditTarget(target),
      data: { member: target.email, role: target.roleLabel },
      meta,
    });
    return { name: target.name };
  });
}
