"use client";

import { useWatch } from "react-hook-form";
import { ShortNameField } from "@/components/forms/short-name-field";
import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { newAccountSchema } from "@/lib/accounts/schemas";
import { createAccountAction } from "./actions";

export function NewAccountForm() {
  const { form, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: newAccountSchema,
    action: createAccountAction,
    defaultValues: { shortName: "", displayName: "" },
  });
  const shortName = useWatch({ control: form.control, name: "shortName" });
  return (
    <form {...formProps} className="space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <ShortNameField registration={field("shortName")} value={shortName} error={fieldError("shortName")} />
      <TextField
        label="Display name (optional)"
        hint="How the account is shown. You can change it later."
        error={fieldError("displayName")}
        {...field("displayName")}
      />
      <Button type="submit" pending={pending}>
        Create account
      </Button>
    </form>
  );
}
