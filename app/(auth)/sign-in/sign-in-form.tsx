"use client";

import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { signInSchema } from "@/lib/users/schemas";
import { signInAction } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const { form, onSubmit, pending, formError, fieldError } = useActionForm({
    schema: signInSchema,
    action: signInAction,
    defaultValues: { email: "", password: "", callbackUrl },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        autoFocus
        error={fieldError("email")}
        {...form.register("email")}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        error={fieldError("password")}
        {...form.register("password")}
      />
      <Button type="submit" pending={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
