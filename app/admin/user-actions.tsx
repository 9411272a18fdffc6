"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { deleteUserAction, setOperatorAction, setUserDisabledAction } from "./actions";

type Target = { id: string; name: string; email: string; isOperator: boolean; disabled: boolean };

/** What an operator may do to one user (never to themself): each change is a POST, the lasting ones asked first. */
export function UserActions({ user }: { user: Target }) {
  const label = user.name || user.email;
  const userId = user.id;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {user.disabled ? (
        <EnableUserButton userId={userId} />
      ) : (
        <ConfirmButton
          label="Disable"
          title={`Disable ${label}?`}
          confirmLabel={`Disable ${label}`}
          action={setUserDisabledAction}
          fields={{ userId, disabled: "true" }}
          success={`${label} is disabled.`}
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
          action={setOperatorAction}
          fields={{ userId, operator: "false" }}
          success={`${label} is no longer an operator.`}
        >
          {label} loses the platform console at once.
        </ConfirmButton>
      ) : (
        <ConfirmButton
          label="Make operator"
          title={`Make ${label} a platform operator?`}
          confirmLabel="Make operator"
          variant="primary"
          action={setOperatorAction}
          fields={{ userId, operator: "true" }}
          success={`${label} is now an operator.`}
        >
          {label} gets this console: they can disable and delete any user and change any account&apos;s plan.
        </ConfirmButton>
      )}
      <ConfirmButton
        label="Delete"
        title={`Delete ${label}?`}
        confirmLabel={`Delete ${label}`}
        action={deleteUserAction}
        fields={{ userId }}
        success={`${label} is deleted.`}
      >
        {label}&apos;s user ({user.email}) is deleted with their memberships and sessions. This cannot be
        undone. A user who owns an account cannot be deleted.
      </ConfirmButton>
    </div>
  );
}

/** Enabling gives back what disabling took, so it needs no confirmation: a plain POST. */
function EnableUserButton({ userId }: { userId: string }) {
  const [state, formAction, pending] = useActionState(setUserDisabledAction, null);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value="false" />
      <Button type="submit" variant="secondary" pending={pending}>
        Enable
      </Button>
      {state && !state.ok && (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      )}
    </form>
  );
}
