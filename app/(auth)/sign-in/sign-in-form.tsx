"use client";

import Link from "next/link";
import { PasswordField } from "@/components/forms/password-field";
import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { signInSchema } from "@/lib/users/schemas";
import { signInAction } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const { formProps, field, pending, formError, fieldError } = useFormAction({
    schema: signInSchema,
    action: signInAction,
    defaultValues: { email: "", password: "", callbackUrl },
  });
  return (
    <form {...formProps} className="mt-6 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <input type="hidden" {...field("callbackUrl")} />
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        autoFocus
        error={fieldError("email")}
        {...field("email")}
      />
      <PasswordField
        label="Password"
        autoComplete="current-password"
        error={fieldError("password")}
        {...field("password")}
      />
      <div className="text-right text-sm">
        <Link href="/forgot-password" className="font-medium text-indigo-700 hover:underline">
          Forgot your password?
        </Link>
      </div>
      <Button type="submit" pending={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
