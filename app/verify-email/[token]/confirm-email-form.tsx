"use client";

import { PasswordField } from "@/components/forms/password-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { verifyEmailSchema } from "@/lib/users/schemas";
import { verifyEmailAction } from "./actions";

/** Confirms the address: one button when signed in as its user, else their password first. */
export function ConfirmEmailForm({ token, askPassword }: { token: string; askPassword: boolean }) {
  const { formProps, field, pending, formError, fieldError } = useFormAction({
    schema: verifyEmailSchema,
    action: verifyEmailAction,
    defaultValues: { token, password: "" },
  });
  return (
    <form {...formProps} className="space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <input type="hidden" {...field("token")} />
      {askPassword && (
        <PasswordField
          label="Password"
          autoComplete="current-password"
          autoFocus
          hint="The password of this user, to show the link is in the right hands."
          error={fieldError("password")}
          {...field("password")}
        />
      )}
      <Button type="submit" pending={pending} className="w-full">
        {askPassword ? "Confirm and sign in" : "Confirm my email"}
      </Button>
    </form>
  );
}
