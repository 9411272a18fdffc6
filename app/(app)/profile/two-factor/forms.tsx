"use client";

import { z } from "zod";
import { PasswordField } from "@/components/forms/password-field";
import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import {
  confirmEnrolmentSchema,
  disableTwoFactorSchema,
  renewRecoveryCodesSchema,
} from "@/lib/two-factor/schemas";
import {
  acknowledgeRecoveryCodesAction,
  cancelEnrolmentAction,
  confirmEnrolmentAction,
  disableTwoFactorAction,
  renewRecoveryCodesAction,
  startEnrolmentAction,
} from "./actions";

const noInput = z.object({});

/** A form that is only a button (start, cancel, "I saved them"). */
function ButtonForm({
  action,
  label,
  variant = "primary",
}: {
  action: typeof startEnrolmentAction;
  label: string;
  variant?: "primary" | "secondary";
}) {
  const { formProps, pending, formError } = useFormAction({ schema: noInput, action, defaultValues: {} });
  return (
    <form {...formProps} className="flex flex-wrap items-center gap-3">
      <Button type="submit" variant={variant} pending={pending}>
        {label}
      </Button>
      {formError && <span className="text-sm text-red-700">{formError}</span>}
    </form>
  );
}

export function StartEnrolmentButton() {
  return <ButtonForm action={startEnrolmentAction} label="Set up two-factor" />;
}

export function CancelEnrolmentButton() {
  return <ButtonForm action={cancelEnrolmentAction} label="Cancel" variant="secondary" />;
}

export function AcknowledgeRecoveryCodesButton() {
  return <ButtonForm action={acknowledgeRecoveryCodesAction} label="I have saved my recovery codes" />;
}

export function ConfirmEnrolmentForm({ email }: { email: string }) {
  const { formProps, field, pending, formError, fieldError } = useFormAction({
    schema: confirmEnrolmentSchema,
    action: confirmEnrolmentAction,
    defaultValues: { password: "", code: "" },
  });
  return (
    <form {...formProps} className="mt-4 max-w-xs space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      {/* For password managers: the user this password belongs to. */}
      <input type="email" name="email" value={email} autoComplete="username" readOnly hidden />
      <PasswordField
        label="Your password"
        autoComplete="current-password"
        error={fieldError("password")}
        {...field("password")}
      />
      <TextField
        label="Code from the app"
        autoComplete="one-time-code"
        inputMode="numeric"
        spellCheck={false}
        hint="Your other sessions will be signed out."
        error={fieldError("code")}
        {...field("code")}
      />
      <Button type="submit" pending={pending}>
        Turn on two-factor
      </Button>
    </form>
  );
}

/** "N other sessions were signed out." */
function sessionsEndedText(ended: number) {
  return ended === 1 ? "1 other session was signed out." : `${ended} other sessions were signed out.`;
}

export function RenewRecoveryCodesForm() {
  const { successNotice, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: renewRecoveryCodesSchema,
    action: renewRecoveryCodesAction,
    defaultValues: { code: "" },
    success: ({ sessionsEnded }) => `New recovery codes issued. ${sessionsEndedText(sessionsEnded)}`,
  });
  return (
    <form {...formProps} className="mt-4 max-w-xs space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      {successNotice && <Notice tone="success">{successNotice}</Notice>}
      <TextField
        label="Code from the app"
        autoComplete="one-time-code"
        spellCheck={false}
        hint="Your current recovery codes stop working, and your other sessions will be signed out."
        error={fieldError("code")}
        {...field("code")}
      />
      <Button type="submit" variant="secondary" pending={pending}>
        Get new recovery codes
      </Button>
    </form>
  );
}

export function DisableTwoFactorForm({ email }: { email: string }) {
  const { formProps, field, pending, formError, fieldError } = useFormAction({
    schema: disableTwoFactorSchema,
    action: disableTwoFactorAction,
    defaultValues: { password: "", code: "" },
  });
  return (
    <form {...formProps} className="mt-4 max-w-xs space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      {/* For password managers: the user this password belongs to. */}
      <input type="email" name="email" value={email} autoComplete="username" readOnly hidden />
      <PasswordField
        label="Password"
        autoComplete="current-password"
        error={fieldError("password")}
        {...field("password")}
      />
      <TextField
        label="Code from the app, or a recovery code"
        autoComplete="one-time-code"
        spellCheck={false}
        hint="Your other sessions will be signed out."
        error={fieldError("code")}
        {...field("code")}
      />
      <Button type="submit" variant="danger" pending={pending}>
        Turn off two-factor
      </Button>
    </form>
  );
}
