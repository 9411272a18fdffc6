"use client";

import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { personDetailsSchema } from "@/lib/members/schemas";
import { updatePersonDetailsAction } from "./actions";

/** The user name, display name and company of a person this account created, for an administrator to edit. */
export function PersonDetailsForm({
  account,
  membershipId,
  name,
  ...defaultValues
}: {
  account: string;
  membershipId: string;
  name: string;
  username: string;
  displayName: string;
  company: string;
}) {
  const { successNotice, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: personDetailsSchema,
    action: updatePersonDetailsAction,
    defaultValues,
    success: () => `${name}'s details were saved.`,
  });
  return (
    <form {...formProps} className="mt-4 max-w-md space-y-4">
      <input type="hidden" name="account" value={account} />
      <input type="hidden" name="membershipId" value={membershipId} />
      {formError && <Notice tone="error">{formError}</Notice>}
      {successNotice && <Notice tone="success">{successNotice}</Notice>}
      <TextField
        label="User name (optional)"
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="none"
        hint="Letters, digits and dashes; nobody else can have it."
        error={fieldError("username")}
        {...field("username")}
      />
      <TextField
        label="Display name (optional)"
        autoComplete="off"
        hint={`Shown in Roster instead of ${name}.`}
        error={fieldError("displayName")}
        {...field("displayName")}
      />
      <TextField
        label="Company (optional)"
        autoComplete="off"
        error={fieldError("company")}
        {...field("company")}
      />
      <Button type="submit" variant="secondary" pending={pending}>
        Save details
      </Button>
    </form>
  );
}
