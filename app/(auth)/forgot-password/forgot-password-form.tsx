"use client";

import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { forgotPasswordSchema } from "@/lib/users/schemas";
import { requestPasswordResetAction } from "./actions";

export function ForgotPasswordForm() {
  const { state, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: forgotPasswordSchema,
    action: requestPasswordResetAction,
    defaultValues: { email: "" },
  });
  if (state?.ok) {
    return (
      <div className="mt-6 space-y-3" role="status">
        <h2 className="text-lg font-semibold">Check your email</h2>
        <p className="text-sm text-zinc-700">
          If <strong className="wrap-break-word">{state.data.email}</strong> belongs to a Roster user, we sent
          it a link to choose a new password. The link works once, for 1 hour.
        </p>
      </div>
    );
  }
  return (
    <form {...formProps} className="mt-6 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        autoFocus
        error={fieldError("email")}
        {...field("email")}
      />
      <Button type="submit" pending={pending} className="w-full">
        Send the reset link
      </Button>
    </form>
  );
}
