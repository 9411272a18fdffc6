"use client";

import { useState, useTransition } from "react";
import { TextField } from "@/components/forms/text-field";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Dialog, DialogActions, useDialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { leaveAccountAction, removeMemberAction, transferOwnershipAction } from "./actions";

export function RemoveMemberButton({
  account,
  membershipId,
  name,
}: {
  account: string;
  membershipId: string;
  name: string;
}) {
  return (
    <ConfirmButton
      label="Remove from account"
      title={`Remove ${name}?`}
      confirmLabel={`Remove ${name}`}
      onConfirm={async () => {
        const result = await removeMemberAction({ account, membershipId });
        if (result && !result.ok) return result.error;
      }}
    >
      {name} loses access to this account at once, in every open session. Nothing they created is deleted.
    </ConfirmButton>
  );
}

export function LeaveAccountButton({ account, accountName }: { account: string; accountName: string }) {
  return (
    <ConfirmButton
      label="Leave account"
      title={`Leave ${accountName}?`}
      confirmLabel="Leave"
      onConfirm={async () => {
        const result = await leaveAccountAction({ account });
        if (result && !result.ok) return result.error;
      }}
    >
      You lose access to {accountName} at once. To come back, someone will have to invite you again.
    </ConfirmButton>
  );
}

/**
 * The owner hands the account over: a dialog that names the new owner and asks for the
 * owner's password. On success the page reloads with the new owner and says so.
 */
export function TransferOwnershipButton({
  account,
  membershipId,
  name,
}: {
  account: string;
  membershipId: string;
  name: string;
}) {
  const dialog = useDialog();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => {
          setError(null);
          setPassword("");
          dialog.open();
        }}
      >
        Make owner
      </Button>
      <Dialog dialogRef={dialog.ref} title={`Transfer ownership to ${name}?`}>
        <form
          method="post"
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            startTransition(async () => {
              const result = await transferOwnershipAction({ account, membershipId, password });
              if (result && !result.ok) setError(result.fieldErrors?.password ?? result.error);
            });
          }}
        >
          <p className="text-sm text-zinc-600">
            {name} becomes the owner, responsible for the subscription, and you become an administrator. Only
            the new owner can give ownership back.
          </p>
          {error && <Notice tone="error">{error}</Notice>}
          <TextField
            label="Your password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <DialogActions>
            <Button variant="secondary" onClick={dialog.close} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" pending={pending} disabled={!password}>
              Transfer ownership
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
