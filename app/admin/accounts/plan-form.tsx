"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { PLANS, PLAN_IDS, type PlanId } from "@/lib/plans/plans";
import { changeAccountPlanAction } from "../actions";

/**
 * Moves an account to another plan; the server refuses a plan smaller than what the account
 * uses. The form posts to the action, so it works before (and without) the page's scripts.
 */
export function PlanForm({
  accountId,
  shortName,
  plan,
}: {
  accountId: string;
  shortName: string;
  plan: PlanId;
}) {
  const [state, dispatch, pending] = useActionState(changeAccountPlanAction, null);
  return (
    <form action={dispatch} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="accountId" value={accountId} />
      <label htmlFor={`plan-${accountId}`} className="sr-only">
        Plan of {shortName}
      </label>
      <Select id={`plan-${accountId}`} name="plan" defaultValue={plan} className="py-1 pl-2">
        {PLAN_IDS.map((id) => (
          <option key={id} value={id}>
            {PLANS[id].name}
          </option>
        ))}
      </Select>
      <Button type="submit" variant="secondary" pending={pending}>
        Change plan
      </Button>
      {state && !state.ok && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}
