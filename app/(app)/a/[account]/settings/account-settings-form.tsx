"use client";

import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
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
  const { form, onSubmit, pending, formError, fieldError } = useActionForm({
    schema: accountSettingsSchema,
    action: (values) => updateAccountSettingsAction({ ...values, account }),
    defaultValues: { displayName },
    success: () => "Saved.",
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
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
        {...form.register("displayName")}
      />
      {canEdit && (
        <Button type="submit" pending={pending}>
          Save
        </Button>
      )}
    </form>
  );
}
