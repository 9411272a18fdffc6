"use client";

import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { accountSettingsSchema } from "@/lib/accounts/schemas";
import { updateAccountSettingsAction } from "./actions";

export function AccountSettingsForm({
  account,
  displayName,
  canEdit,
}: {
  account: string;
  displayName: string;
  canEdit: boolean;
}) {
  const { successNotice, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: accountSettingsSchema,
    action: updateAccountSettingsAction,
    defaultValues: { displayName },
    success: () => "Saved.",
  });
  return (
    <form {...formProps} className="mt-4 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      {successNotice && <Notice tone="success">{successNotice}</Notice>}
      <input type="hidden" name="account" value={account} />
      <TextField
        label="Short name"
        value={account}
        readOnly
        hint="The short name is the account's address and never changes."
      />
      <TextField
        label="Display name"
        readOnly={!canEdit}
        hint={canEdit ? undefined : "Only the owner and administrators can change the display name."}
        error={fieldError("displayName")}
        {...field("displayName")}
      />
      {canEdit && (
        <Button type="submit" pending={pending}>
          Save
        </Button>
      )}
    </form>
  );
}
