import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { lockAccountUsage, planChangeRefusal } from "./limits";
import type { PlanId } from "./plans";

/**
 * Moves an account to another plan, at once. No payment provider is wired: this is the seam
 * where one would plug in (charge or start a subscription first, then call this). Refused
 * when the account uses more than the new plan allows; the account row stays locked until
 * the change commits, so no seat or project can be taken in between.
 */
export async function changePlan(
  db: Db,
  input: { accountId: string; planId: PlanId; actor: { id: string; email: string } },
  meta: RequestMeta,
): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const usage = await lockAccountUsage(tx, input.accountId);
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
