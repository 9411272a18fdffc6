"use client";

import { useId, useState, useTransition } from "react";
import { PasswordField } from "@/components/forms/password-field";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Dialog, DialogActions, DialogClose, DialogTrigger } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import {
  approveMemberAction,
  deletePersonAction,
  disableMemberAction,
  enableMemberAction,
  forcePasswordResetAction,
  leaveAccountAction,
  rejectMemberAction,
  removeMemberAction,
  sendPasswordResetLinkAction,
  transferOwnershipAction,
} from "./actions";

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
      action={removeMemberAction}
      fields={{ account, membershipId }}
    >
      {name} loses access to this account at once, in every open session. Nothing they created is deleted.
    </ConfirmButton>
  );
}

/**
 * Deletes the user of a person this account created and only it holds (not the same as removing
 * them from the account); asks first, naming them. On success the action goes to the member list.
 */
export function DeletePersonButton({
  account,
  membershipId,
  name,
  email,
}: {
  account: string;
  membershipId: string;
  name: string;
  email: string;
}) {
  return (
    <ConfirmButton
      label="Delete user"
      title={`Delete ${name}?`}
      confirmLabel={`Delete ${name}`}
      action={deletePersonAction}
      fields={{ account, membershipId }}
    >
      <p>
        {name}&apos;s user ({email}) is deleted, with their membership, sessions and project access. This
        cannot be undone.
      </p>
      <p className="mt-2">What they created, such as projects and repositories, stays.</p>
    </ConfirmButton>
  );
}

/** Approve or reject someone who waits for approval. */
export function ApprovalButtons({
  account,
  membershipId,
  name,
}: {
  account: string;
  membershipId: string;
  name: string;
}) {
  return (
    <>
      <ConfirmButton
        label="Approve"
        triggerVariant="primary"
        variant="primary"
        title={`Approve ${name}?`}
        confirmLabel={`Approve ${name}`}
        action={approveMemberAction}
        fields={{ account, membershipId }}
        success={`${name} can now use the account.`}
      >
        {name} can use the account at once, with the role and projects they were invited with.
      </ConfirmButton>
      <ConfirmButton
        label="Reject"
        title={`Reject ${name}?`}
        confirmLabel={`Reject ${name}`}
        action={rejectMemberAction}
        fields={{ account, membershipId }}
      >
        {name}&apos;s membership ends. To let them in later, invite them again.
      </ConfirmButton>
    </>
  );
}

/** Disables the member's access, or enables it again; both ask first. */
export function MemberAccessButton({
  account,
  membershipId,
  name,
  disabled,
}: {
  account: string;
  membershipId: string;
  name: string;
  disabled: boolean;
}) {
  return disabled ? (
    <ConfirmButton
      label="Enable access"
      title={`Enable ${name}'s access?`}
      confirmLabel="Enable access"
      variant="primary"
      action={enableMemberAction}
      fields={{ account, membershipId }}
      success={`${name} can open this account again.`}
    >
      {name} can open this account again at once, with the role, permissions and projects they had.
    </ConfirmButton>
  ) : (
    <ConfirmButton
      label="Disable access"
      title={`Disable ${name}'s access?`}
      confirmLabel="Disable access"
      action={disableMemberAction}
      fields={{ account, membershipId }}
      success={`${name}'s access is disabled.`}
    >
      {name} can no longer open this account, from their next click, in every session. They stay in the member
      list with their role and projects, and you can enable their access again at any time.
    </ConfirmButton>
  );
}

/** "Send a password reset link" and "Force a password reset", with what happened said beside them. */
export function PasswordResetButtons({
  account,
  membershipId,
  name,
  awaitsFirstPassword,
}: {
  account: string;
  membershipId: string;
  name: string;
  /** Added directly and never chose a password: the link to send is a new welcome link. */
  awaitsFirstPassword: boolean;
}) {
  const fields = { account, membershipId };
  if (awaitsFirstPassword) {
    return (
      <ConfirmButton
        label="Send a new welcome link"
        title={`Send ${name} a new welcome link?`}
        confirmLabel="Send link"
        variant="primary"
        action={sendPasswordResetLinkAction}
        fields={fields}
        success={({ email }) => `A welcome link is on its way to ${email}.`}
      >
        {name} has not chosen a password yet. They get an email with a link to choose one, valid for 3 hours;
        earlier links stop working.
      </ConfirmButton>
    );
  }
  return (
    <>
      <ConfirmButton
        label="Send password reset link"
        title={`Send ${name} a password reset link?`}
        confirmLabel="Send link"
        variant="primary"
        action={sendPasswordResetLinkAction}
        fields={fields}
        success={({ email }) => `A reset link is on its way to ${email}.`}
      >
        {name} gets an email with a link to choose a new password, valid for 1 hour. Their current password
        keeps working until they do.
      </ConfirmButton>
      <ConfirmButton
        label="Force password reset"
        title={`Force ${name} to choose a new password?`}
        confirmLabel="Force password reset"
        action={forcePasswordResetAction}
        fields={fields}
        success={({ email }) => `${name} was signed out everywhere; a reset link is on its way to ${email}.`}
      >
        {name}&apos;s current password stops working and every session of theirs ends now, in every account.
        They get an email with a link to choose a new password.
      </ConfirmButton>
    </>
  );
}

export function LeaveAccountButton({ account, accountName }: { account: string; accountName: string }) {
  return (
    <ConfirmButton
      label="Leave account"
      title={`Leave ${accountName}?`}
      confirmLabel="Leave"
      action={leaveAccountAction}
      fields={{ account }}
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
  const dialogId = useId();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <DialogTrigger dialogId={dialogId}>Make owner</DialogTrigger>
      <Dialog
        id={dialogId}
        onClose={() => {
          setError(null);
          setPassword("");
        }}
        title={`Transfer ownership to ${name}?`}
      >
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
          <PasswordField
            label="Your password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <DialogActions>
            <DialogClose disabled={pending}>Cancel</DialogClose>
            <Button type="submit" variant="danger" pending={pending} disabled={!password}>
              Transfer ownership
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
