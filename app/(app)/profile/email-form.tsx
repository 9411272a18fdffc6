"use client";

import { PasswordField } from "@/components/forms/password-field";
import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { emailChangeSchema } from "@/lib/users/schemas";
import { requestEmailChangeAction } from "./actions";

export function EmailForm({ email }: { email: string }) {
  const { successNotice, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: emailChangeSchema,
    action: requestEmailChangeAction,
    defaultValues: { newEmail: "", password: "" },
    success: ({ newEmail }) => `We sent a link to ${newEmail}. You sign in as ${email} until you follow it.`,
  });
  return (
    <form {...formProps} className="mt-4 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      {successNotice && <Notice tone="success">{successNotice}</Notice>}
      <TextField
        label="New email"
        type="email"
        autoComplete="email"
        error={fieldError("newEmail")}
        {...field("newEmail")}
      />
      <PasswordField
        label="Password"
        autoComplete="current-password"
        hint="Your current password, to confirm it is you."
        error={fieldError("password")}
        {...field("password")}
      />
      <Button type="submit" pending={pending}>
        Change email
      </Button>
    </form>
  );
}
