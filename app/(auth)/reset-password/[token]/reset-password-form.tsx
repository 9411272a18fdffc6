"use client";

import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { resetPasswordSchema } from "@/lib/users/schemas";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const { formProps, field, pending, formError, fieldError } = useFormAction({
    schema: resetPasswordSchema,
    action: resetPasswordAction,
    defaultValues: { token, password: "" },
  });
  return (
    <form {...formProps} className="mt-6 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <input type="hidden" {...field("token")} />
      {/* For password managers: the user this password belongs to. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        autoFocus
        hint="At least 8 characters. You will be signed out everywhere else."
        error={fieldError("password")}
        {...field("password")}
      />
      <Button type="submit" pending={pending} className="w-full">
        Set password and sign in
      </Button>
    </form>
  );
}
