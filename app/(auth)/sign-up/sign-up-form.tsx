"use client";

import { useWatch } from "react-hook-form";
import { PasswordField } from "@/components/forms/password-field";
import { ShortNameField } from "@/components/forms/short-name-field";
import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { signUpSchema } from "@/lib/users/schemas";
import { signUpAction } from "./actions";

export function SignUpForm() {
  const { form, state, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: signUpSchema,
    action: signUpAction,
    defaultValues: { name: "", email: "", password: "", shortName: "", displayName: "" },
  });
  const shortName = useWatch({ control: form.control, name: "shortName" });
  if (state?.ok) {
    return (
      <div className="mt-6 space-y-3" role="status">
        <h2 className="text-lg font-semibold">Check your email</h2>
        <p className="text-sm text-zinc-700">
          We sent a link to <strong>{state.data.email}</strong>. Follow it to confirm the address and open
          your account. It works for 3 days.
        </p>
        <p className="text-sm text-zinc-600">
          Nothing arrived after a few minutes? Check your spam folder, or sign up again.
        </p>
      </div>
    );
  }
  return (
    <form {...formProps} className="mt-6 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-zinc-500">You</legend>
        <TextField
          label="Full name"
          autoComplete="name"
          autoFocus
          error={fieldError("name")}
          {...field("name")}
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          error={fieldError("email")}
          {...field("email")}
        />
        <PasswordField
          label="Password"
          autoComplete="new-password"
          hint="At least 8 characters."
          error={fieldError("password")}
          {...field("password")}
        />
      </fieldset>
      <fieldset className="space-y-4 border-t border-zinc-200 pt-4">
        <legend className="pt-4 text-sm font-semibold text-zinc-500">Your account</legend>
        <ShortNameField registration={field("shortName")} value={shortName} error={fieldError("shortName")} />
        <TextField
          label="Display name (optional)"
          autoComplete="organization"
          hint="How the account is shown, e.g. Acme Inc. You can change it later."
          error={fieldError("displayName")}
          {...field("displayName")}
        />
      </fieldset>
      <Button type="submit" pending={pending} className="w-full">
        Create account
      </Button>
    </form>
  );
}
