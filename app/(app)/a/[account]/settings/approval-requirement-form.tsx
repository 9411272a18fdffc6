"use client";

import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { approvalRequirementSchema } from "@/lib/accounts/schemas";
import { setApprovalRequirementAction } from "./actions";

/**
 * The switch for "new people need approval". Render it with `key={String(required)}`, so that
 * after a change it starts over with the new state.
 */
export function ApprovalRequirementForm({ account, required }: { account: string; required: boolean }) {
  const { formProps, field, pending, formError } = useFormAction({
    schema: approvalRequirementSchema,
    action: setApprovalRequirementAction,
    defaultValues: { required: required ? "false" : "true" },
    success: () =>
      required
        ? "New people no longer need approval."
        : "New people now need approval before they can use the account.",
  });
  return (
    <form {...formProps} className="mt-4 space-y-3">
      {formError && <Notice tone="error">{formError}</Notice>}
      <input type="hidden" name="account" value={account} />
      <input type="hidden" {...field("required")} />
      <Button type="submit" variant={required ? "secondary" : "primary"} pending={pending}>
        {required ? "Stop requiring approval" : "Require approval of new people"}
      </Button>
    </form>
  );
}
