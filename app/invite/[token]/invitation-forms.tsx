"use client";

import Link from "next/link";
import { signOutAction } from "@/app/(app)/actions";
import { PasswordField } from "@/components/forms/password-field";
import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import {
  acceptAsNewUserSchema,
  acceptWithSignInSchema,
  invitationTokenSchema,
} from "@/lib/invitations/schemas";
import { signOutSchema } from "@/lib/users/schemas";
import {
  acceptAsNewUserAction,
  acceptInvitationAction,
  declineInvitationAction,
  signInAndAcceptAction,
} from "./actions";

/** Signed in as the invited email: one button. */
export function JoinButton({ token }: { token: string }) {
  const { formProps, field, pending, formError } = useFormAction({
    schema: invitationTokenSchema,
    action: acceptInvitationAction,
    defaultValues: { token },
  });
  return (
    <form {...formProps} className="space-y-3">
      {formError && <Notice tone="error">{formError}</Notice>}
      <input type="hidden" {...field("token")} />
      <Button type="submit" className="w-full" pending={pending}>
        Join
      </Button>
    </form>
  );
}

/** Nobody has this email yet (or nobody confirmed it): name and password, and they are in. */
export function CreateUserAndJoinForm({ token, email }: { token: string; email: string }) {
  const { formProps, field, pending, formError, fieldError } = useFormAction({
    schema: acceptAsNewUserSchema,
    action: acceptAsNewUserAction,
    defaultValues: { token, name: "", password: "" },
  });
  return (
    <form {...formProps} className="space-y-4">
      <p className="text-sm text-zinc-600">Create your Roster user to accept.</p>
      {formError && <Notice tone="error">{formError}</Notice>}
      <input type="hidden" {...field("token")} />
      <TextField label="Email" type="email" autoComplete="username" value={email} readOnly />
      <TextField
        label="Full name"
        autoComplete="name"
        autoFocus
        error={fieldError("name")}
        {...field("name")}
      />
      <PasswordField
        label="Password"
        autoComplete="new-password"
        hint="At least 8 characters."
        error={fieldError("password")}
        {...field("password")}
      />
      <Button type="submit" pending={pending} className="w-full">
        Create user and join
      </Button>
    </form>
  );
}

/** The invited email already has a user: sign in (as that email only) and join. */
export function SignInAndJoinForm({ token, email }: { token: string; email: string }) {
  const { formProps, field, pending, formError, fieldError } = useFormAction({
    schema: acceptWithSignInSchema,
    action: signInAndAcceptAction,
    defaultValues: { token, password: "" },
  });
  return (
    <form {...formProps} className="space-y-4">
      <p className="text-sm text-zinc-600">You already have a Roster user. Sign in to accept.</p>
      {formError && <Notice tone="error">{formError}</Notice>}
      <input type="hidden" {...field("token")} />
      <TextField label="Email" type="email" autoComplete="username" value={email} readOnly />
      <PasswordField
        label="Password"
        autoComplete="current-password"
        autoFocus
        error={fieldError("password")}
        {...field("password")}
      />
      <div className="text-right text-sm">
        <Link href="/forgot-password" className="font-medium text-indigo-700 hover:underline">
          Forgot your password?
        </Link>
      </div>
      <Button type="submit" pending={pending} className="w-full">
        Sign in and join
      </Button>
    </form>
  );
}

/** Signed in as someone else: sign out, and come back to this invitation. */
export function SwitchUserButton({ token, email }: { token: string; email: string }) {
  const { formProps, field, pending } = useFormAction({
    schema: signOutSchema,
    action: signOutAction,
    defaultValues: { redirectTo: `/invite/${token}` },
  });
  return (
    <form {...formProps}>
      <input type="hidden" {...field("redirectTo")} />
      <Button type="submit" className="w-full" pending={pending}>
        Sign out and continue as {email}
      </Button>
    </form>
  );
}

export function DeclineButton({ token, accountName }: { token: string; accountName: string }) {
  return (
    <ConfirmButton
      label="Decline invitation"
      triggerVariant="ghost"
      title="Decline this invitation?"
      confirmLabel="Decline"
      action={declineInvitationAction}
      fields={{ token }}
    >
      You will not join {accountName}. Whoever invited you will see that you declined.
    </ConfirmButton>
  );
}
