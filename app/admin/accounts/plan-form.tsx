"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { PLANS, PLAN_IDS, type PlanId } from "@/lib/plans/plans";
import { changeAccountPlanAction } from "../actions";

/** Moves an account to another plan; the server refuses a plan smaller than what the account uses. */
export function PlanForm({
  accountId,
  shortName,
  plan,
}: {
  accountId: string;
  shortName: string;
  plan: PlanId;
}) {
  const [choice, setChoice] = useState<PlanId>(plan);
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      method="post"
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          setMessage(null);
          const result = await changeAccountPlanAction({ accountId, plan: choice });
          if (!result.ok) setMessage(result.error);
        });
      }}
    >
      <label htmlFor={`plan-${accountId}`} className="sr-only">
        Plan of {shortName}
      </label>
      <select
        id={`plan-${accountId}`}
        name="plan"
        value={choice}
        onChange={(event) => setChoice(event.target.value as PlanId)}
        className="rounded-md border-0 px-2 py-1 text-sm ring-1 ring-zinc-300 ring-inset"
      >
        {PLAN_IDS.map((id) => (
          <option key={id} value={id}>
            {PLANS[id].name}
          </option>
        ))}
      </select>
      <Button type="submit" variant="secondary" pending={pending} disabled={choice === plan}>
        Change plan
      </Button>
      {message && (
        <p role="alert" className="text-sm text-red-700">
          {message}
        </p>
      )}
    </form>
  );
}
