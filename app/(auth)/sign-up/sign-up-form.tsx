"use client";

import { useWatch } from "react-hook-form";
import { ShortNameField } from "@/components/forms/short-name-field";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { signUpSchema } from "@/lib/users/schemas";
import { signUpAction } from "./actions";

export function SignUpForm() {
  const { form, onSubmit, pending, formError, fieldError } = useActionForm({
    schema: signUpSchema,
    action: signUpAction,
    defaultValues: { name: "", email: "", password: "", shortName: "", displayName: "" },
  });
  const shortName = useWatch({ control: form.control, name: "shortName" });
  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-zinc-500">You</legend>
        <TextField
          label="Full name"
          autoComplete="name"
          autoFocus
          error={fieldError("name")}
          {...form.register("name")}
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          error={fieldError("email")}
          {...form.register("email")}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters."
          error={fieldError("password")}
          {...form.register("password")}
        />
      </fieldset>
      <fieldset className="space-y-4 border-t border-zinc-200 pt-4">
        <legend className="pt-4 text-sm font-semibold text-zinc-500">Your account</legend>
        <ShortNameField
          registration={form.register("shortName")}
          value={shortName}
          error={fieldError("shortName")}
        />
        <TextField
          label="Display name (optional)"
          autoComplete="organization"
          hint="How the account is shown, e.g. Acme Inc. You can change it later."
          error={fieldError("displayName")}
          {...form.register("displayName")}
        />
      </fieldset>
      <Button type="submit" pending={pending} className="w-full">
        Create account
      </Button>
    </form>
  );
}
