"use client";

import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { joinRequestSchema } from "@/lib/invitations/schemas";
import { requestToJoinAction } from "./actions";

/** The visitor's email address; the link to join is sent there, whoever they are. */
export function JoinRequestForm({ code, email, hint }: { code: string; email: string; hint?: string }) {
  const { state, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: joinRequestSchema,
    action: requestToJoinAction,
    defaultValues: { code, email },
  });
  if (state?.ok) {
    return (
      <div className="mt-6 space-y-3" role="status">
        <h2 className="text-lg font-semibold">Check your email</h2>
        <p className="text-sm text-zinc-700">
          We sent a link to join <strong>{state.data.accountName}</strong> to{" "}
          <strong className="wrap-break-word">{state.data.email}</strong>. Open it to join; it works once, for
          7 days. Already a member? Just sign in.
        </p>
      </div>
    );
  }
  return (
    <form {...formProps} className="mt-6 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <input type="hidden" {...field("code")} />
      <TextField
        label="Email"
        type="email"
        autoComplete="email"
        autoFocus
        hint={hint}
        error={fieldError("email")}
        {...field("email")}
      />
      <Button type="submit" pending={pending} className="w-full">
        Send me a link to join
      </Button>
    </form>
  );
}
