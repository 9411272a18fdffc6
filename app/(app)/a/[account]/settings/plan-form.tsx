"use client";

import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { PLAN_IDS, PLANS, type PlanId } from "@/lib/plans/plans";
import { planChangeSchema } from "@/lib/plans/schemas";
import { changePlanAction } from "./actions";

const limit = (n: number | null, noun: string) => (n === null ? `Unlimited ${noun}` : `${n} ${noun}`);

/** The owner's choice of plan; after a change the page shows the new plan and its use. */
export function PlanForm({ account, plan }: { account: string; plan: PlanId }) {
  const { state, successNotice, form, formProps, pending, formError, fieldError } = useFormAction({
    schema: planChangeSchema,
    action: changePlanAction,
    defaultValues: { plan },
    success: ({ changed }) => (changed ? "Plan changed." : null),
  });
  const error = fieldError("plan") ?? formError;
  const chosen = (state?.values?.plan as string | undefined) ?? plan;
  return (
    <form {...formProps} className="mt-4 space-y-3">
      {error && <Notice tone="error">{error}</Notice>}
      {successNotice && <Notice tone="success">{successNotice}</Notice>}
      <input type="hidden" name="account" value={account} />
      <fieldset>
        <legend className="sr-only">Plan</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          {PLAN_IDS.map((id) => (
            <label
              key={id}
              className="flex cursor-pointer flex-col gap-1 rounded-md p-3 text-sm ring-1 ring-zinc-300 has-checked:ring-2 has-checked:ring-indigo-600"
            >
              <span className="flex items-center gap-2 font-medium text-zinc-900">
                <input type="radio" value={id} defaultChecked={id === chosen} {...form.register("plan")} />
                {PLANS[id].name}
                {id === plan && <span className="text-xs font-normal text-zinc-600">(current)</span>}
              </span>
              <span className="text-zinc-600">
                {limit(PLANS[id].seats, "seats")} · {limit(PLANS[id].projects, "projects")}
              </span>
              <span className="text-zinc-600">{PLANS[id].summary}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <p className="text-sm text-zinc-600">
        No payment provider is connected to this installation: a change takes effect at once, free of charge.
      </p>
      <Button type="submit" pending={pending}>
        Change plan
      </Button>
    </form>
  );
}
