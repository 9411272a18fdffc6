"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { deleteUserAction, setOperatorAction, setUserDisabledAction } from "./actions";

type Target = { id: string; name: string; email: string; isOperator: boolean; disabled: boolean };

/** What an operator may do to one user (never to themself): each change is a POST, the lasting ones asked first. */
export function UserActions({ user }: { user: Target }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (call: () => Promise<{ ok: boolean; error?: string }>) =>
    startTransition(async () => {
      setError(null);
      const result = await call();
      if (!result.ok) setError(result.error ?? "Something went wrong.");
    });
  const label = user.name || user.email;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {user.disabled ? (
        <Button
          variant="secondary"
          pending={pending}
          onClick={() => run(() => setUserDisabledAction({ userId: user.id, disabled: "false" }))}
        >
          Enable
        </Button>
      ) : (
        <ConfirmButton
          label="Disable"
          title={`Disable ${label}?`}
          confirmLabel={`Disable ${label}`}
          onConfirm={async () => {
            const result = await setUserDisabledAction({ userId: user.id, disabled: "true" });
            if (!result.ok) return result.error;
          }}
        >
          {label} ({user.email}) is signed out everywhere at once and cannot sign in to any account until
          enabled again.
        </ConfirmButton>
      )}
      {user.isOperator ? (
        <ConfirmButton
          label="Remove operator"
          title={`Remove ${label} as operator?`}
          confirmLabel="Remove operator"
          onConfirm={async () => {
            const result = await setOperatorAction({ userId: user.id, operator: "false" });
            if (!result.ok) return result.error;
          }}
        >
          {label} loses the platform console at once.
        </ConfirmButton>
      ) : (
        <ConfirmButton
          label="Make operator"
          title={`Make ${label} a platform operator?`}
          confirmLabel="Make operator"
          variant="primary"
          onConfirm={async () => {
            const result = await setOperatorAction({ userId: user.id, operator: "true" });
            if (!result.ok) return result.error;
          }}
        >
          {label} gets this console: they can disable and delete any user and change any account&apos;s plan.
        </ConfirmButton>
      )}
      <ConfirmButton
        label="Delete"
        title={`Delete ${label}?`}
        confirmLabel={`Delete ${label}`}
        onConfirm={async () => {
          const result = await deleteUserAction({ userId: user.id });
          if (!result.ok) return result.error;
        }}
      >
        {label}&apos;s user ({user.email}) is deleted with their memberships and sessions. This cannot be
        undone. A user who owns an account cannot be deleted.
      </ConfirmButton>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
