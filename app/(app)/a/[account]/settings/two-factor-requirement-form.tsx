"use client";

import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { twoFactorRequirementSchema } from "@/lib/accounts/schemas";
import { setTwoFactorRequirementAction } from "./actions";

/**
 * The owner's switch for requiring two-factor of administrators. Render it with
 * `key={String(required)}`, so that after a change it starts over with the new state.
 */
export function TwoFactorRequirementForm({ account, required }: { account: string; required: boolean }) {
  const { formProps, field, pending, formError } = useFormAction({
    schema: twoFactorRequirementSchema,
    action: setTwoFactorRequirementAction,
    defaultValues: { required: required ? "false" : "true" },
    success: () =>
      required
        ? "Administrators no longer need two-factor authentication."
        : "Administrators now need two-factor authentication.",
  });
  return (
    <form {...formProps} className="mt-4 space-y-3">
      {formError && <Notice tone="error">{formError}</Notice>}
      <input type="hidden" name="account" value={account} />
      <input type="hidden" {...field("required")} />
      <Button type="submit" variant={required ? "secondary" : "primary"} pending={pending}>
        {required ? "Stop requiring two-factor" : "Require two-factor for administrators"}
      </Button>
    </form>
  );
}
