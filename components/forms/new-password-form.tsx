"use client";

import { PasswordField } from "@/components/forms/password-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/actions/result";
import { resetPasswordSchema } from "@/lib/users/schemas";

/**
 * Choosing a password through an emailed link (a reset link, or the welcome link of a person
 * an administrator added): the link's token travels in the form, never in a URL it lands on.
 */
export function NewPasswordForm({
  token,
  email,
  action,
  hint,
  submitLabel,
}: {
  token: string;
  email: string;
  action: (previous: ActionResult<null> | null, formData: FormData) => Promise<ActionResult<null>>;
  hint: string;
  submitLabel: string;
}) {
  const { formProps, field, pending, formError, fieldError } = useFormAction({
    schema: resetPasswordSchema,
    action,
    defaultValues: { token, password: "" },
  });
  return (
    <form {...formProps} className="mt-6 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <input type="hidden" {...field("token")} />
      {/* For password managers: the user this password belongs to. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <PasswordField
        label="New password"
        autoComplete="new-password"
        autoFocus
        hint={hint}
        error={fieldError("password")}
        {...field("password")}
      />
      <Button type="submit" pending={pending} className="w-full">
        {submitLabel}
      </Button>
    </form>
  );
}
