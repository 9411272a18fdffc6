"use client";

import { useState, useTransition } from "react";
import { signOutAction } from "@/app/(app)/actions";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import { acceptAsNewUserSchema, acceptWithSignInSchema } from "@/lib/invitations/schemas";
import {
  acceptAsNewUserAction,
  acceptInvitationAction,
  declineInvitationAction,
  signInAndAcceptAction,
} from "./actions";

/** Signed in as the invited email: one button. */
export function JoinButton({ token }: { token: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {error && <Notice tone="error">{error}</Notice>}
      <Button
        className="w-full"
        pending={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await acceptInvitationAction({ token });
            if (result && !result.ok) setError(result.error);
          })
        }
      >
        Join
      </Button>
    </div>
  );
}

/** Nobody has this email yet: name and password, and they are in. */
export function CreateUserAndJoinForm({ token, email }: { token: string; email: string }) {
  const { form, onSubmit, pending, formError, fieldError } = useActionForm({
    schema: acceptAsNewUserSchema,
    action: acceptAsNewUserAction,
    defaultValues: { token, name: "", password: "" },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <p className="text-sm text-zinc-600">Create your Roster user to accept.</p>
      {formError && <Notice tone="error">{formError}</Notice>}
      <TextField label="Email" value={email} readOnly />
      <TextField
        label="Full name"
        autoComplete="name"
        autoFocus
        error={fieldError("name")}
        {...form.register("name")}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        error={fieldError("password")}
        {...form.register("password")}
      />
      <Button type="submit" pending={pending} className="w-full">
        Create user and join
      </Button>
    </form>
  );
}

/** The invited email already has a user: sign in (as that email only) and join. */
export function SignInAndJoinForm({ token, email }: { token: string; email: string }) {
  const { form, onSubmit, pending, formError, fieldError } = useActionForm({
    schema: acceptWithSignInSchema,
    action: signInAndAcceptAction,
    defaultValues: { token, password: "" },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <p className="text-sm text-zinc-600">You already have a Roster user. Sign in to accept.</p>
      {formError && <Notice tone="error">{formError}</Notice>}
      <TextField label="Email" type="email" autoComplete="username" value={email} readOnly />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        autoFocus
        error={fieldError("password")}
        {...form.register("password")}
      />
      <Button type="submit" pending={pending} className="w-full">
        Sign in and join
      </Button>
    </form>
  );
}

/** Signed in as someone else: sign out, and come back to this invitation. */
export function SwitchUserButton({ token, email }: { token: string; email: string }) {
  const [pending, startTransition] = useTransition();
  return (
    <Button
      className="w-full"
      pending={pending}
      onClick={() =>
        startTransition(async () => void (await signOutAction({ redirectTo: `/invite/${token}` })))
      }
    >
      Sign out and continue as {email}
    </Button>
  );
}

export function DeclineButton({ token, accountName }: { token: string; accountName: string }) {
  return (
    <ConfirmButton
      label="Decline invitation"
      triggerVariant="ghost"
      title="Decline this invitation?"
      confirmLabel="Decline"
      onConfirm={async () => {
        const result = await declineInvitationAction({ token });
        if (result && !result.ok) return result.error;
      }}
    >
      You will not join {accountName}. Whoever invited you will see that you declined.
    </ConfirmButton>
  );
}
