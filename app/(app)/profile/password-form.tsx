"use client";

import { PasswordField } from "@/components/forms/password-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { changePasswordSchema } from "@/lib/users/schemas";
import { changePasswordAction } from "./actions";

export function PasswordForm({ email }: { email: string }) {
  const { successNotice, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: changePasswordSchema,
    action: changePasswordAction,
    defaultValues: { currentPassword: "", newPassword: "" },
    success: ({ sessionsEnded }) =>
      `Password changed. ${sessionsEnded === 1 ? "1 other session was signed out." : `${sessionsEnded} other sessions were signed out.`}`,
  });
  return (
    <form {...formProps} className="mt-4 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      {successNotice && <Notice tone="success">{successNotice}</Notice>}
      {/* For password managers: the user these passwords belong to. */}
      <input type="email" name="email" value={email} autoComplete="username" readOnly hidden />
      <PasswordField
        label="Current password"
        autoComplete="current-password"
        error={fieldError("currentPassword")}
        {...field("currentPassword")}
      />
      <PasswordField
        label="New password"
        autoComplete="new-password"
        hint="At least 8 characters. Your other sessions will be signed out."
        error={fieldError("newPassword")}
        {...field("newPassword")}
      />
      <Button type="submit" pending={pending}>
        Change password
      </Button>
    </form>
  );
}
