"use client";

import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { signInCodeSchema } from "@/lib/two-factor/schemas";
import { signInWithCodeAction } from "./actions";

export function SignInCodeForm({ callbackUrl }: { callbackUrl: string }) {
  const { formProps, field, pending, formError, fieldError } = useFormAction({
    schema: signInCodeSchema,
    action: signInWithCodeAction,
    defaultValues: { code: "", callbackUrl },
  });
  return (
    <form {...formProps} className="mt-6 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <input type="hidden" {...field("callbackUrl")} />
      <TextField
        label="Code"
        autoComplete="one-time-code"
        autoFocus
        spellCheck={false}
        error={fieldError("code")}
        {...field("code")}
      />
      <Button type="submit" pending={pending} className="w-full">
        Verify and sign in
      </Button>
    </form>
  );
}
