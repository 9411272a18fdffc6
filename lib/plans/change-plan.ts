import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { lockAccountUsage, planChangeRefusal } from "./limits";
import type { PlanId } from "./plans";
import type { MemberContext } from "@/lib/accounts/member-context";
import { lockActor } from "@/lib/members/lock-actor";

/**
 * Moves an account to another plan, at once. No payment provider is wired: this is the seam
 * where one would plug in (charge or start a subscription first, then call this). Refused
 * when the account uses more than the new plan allows; the account row stays locked until
 * the change commits, so no seat or project can be taken in between.
 */
export async function changePlan(
  db: Db,
  input: {
    accountId: string;
    planId: PlanId;
    actor: { id: string; email: string };
    /** The caller as a member of the account, re-checked under lock; none for a platform operator. */
    member?: MemberContext;
  },
  meta: RequestMeta,
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const usage = await lockAccountUsage(tx, input.accountId);
    if (input.member) await lockActor(tx, input.member, "billing.manage");
    if (usage.plan.id === input.planId) return { changed: false };
    const refusal = planChangeRefusal(usage, input.planId);
    if (refusal) throw new AppError("conflict", refusal, "plan");
    await tx
      .update(accounts)
      .set({ plan: input.planId, updatedAt: new Date() })
      .where(eq(accounts.id, input.accountId));
    await recordAuditEvent(tx, {
      action: "account.plan_changed",
      accountId: input.accountId,
      actor: input.actor,
      target: { type: "account", id: input.accountId },
      data: { before: { plan: usage.plan.id }, after: { plan: input.planId } },
      meta,
    });
    return { changed: true };
  });
}
