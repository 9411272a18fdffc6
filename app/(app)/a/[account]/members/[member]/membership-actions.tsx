"use client";

import { useState } from "react";
import { PasswordField } from "@/components/forms/password-field";
import { ConfirmButton, type ConfirmButtonProps } from "@/components/ui/confirm-dialog";
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

type Member = { account: string; membershipId: string; name: string };

/** A confirmed action on one member: the account and the membership are what it posts. */
function MemberConfirmButton<T>({
  account,
  membershipId,
  ...props
}: Omit<ConfirmButtonProps<T>, "fields"> & { account: string; membershipId: string }) {
  return <ConfirmButton {...props} fields={{ account, membershipId }} />;
}

export function RemoveMemberButton({ name, ...member }: Member) {
  return (
    <MemberConfirmButton
      {...member}
      label="Remove from account"
      title={`Remove ${name}?`}
      confirmLabel={`Remove ${name}`}
      action={removeMemberAction}
    >
      {name} loses access to this account at once, in every open session. Nothing they created is deleted.
    </MemberConfirmButton>
  );
}

/**
 * Deletes the user of a person this account created and only it holds (not the same as removing
 * them from the account); asks first, naming them. On success the action goes to the member list.
 */
export function DeletePersonButton({ name, email, ...member }: Member & { email: string }) {
  return (
    <MemberConfirmButton
      {...member}
      label="Delete user"
      title={`Delete ${name}?`}
      confirmLabel={`Delete ${name}`}
      action={deletePersonAction}
    >
      <p>
        {name}&apos;s user ({email}) is deleted, with their membership, sessions and project access. This
        cannot be undone.
      </p>
      <p className="mt-2">What they created, such as projects and repositories, stays.</p>
    </MemberConfirmButton>
  );
}

/** Approve or reject someone who waits for approval. */
export function ApprovalButtons({ name, ...member }: Member) {
  return (
    <>
      <MemberConfirmButton
        {...member}
        label="Approve"
        triggerVariant="primary"
        variant="primary"
        title={`Approve ${name}?`}
        confirmLabel={`Approve ${name}`}
        action={approveMemberAction}
        success={`${name} can now use the account.`}
      >
        {name} can use the account at once, with the role and projects they were invited with.
      </MemberConfirmButton>
      <MemberConfirmButton
        {...member}
        label="Reject"
        title={`Reject ${name}?`}
        confirmLabel={`Reject ${name}`}
        action={rejectMemberAction}
      >
        {name}&apos;s membership ends. To let them in later, invite them again.
      </MemberConfirmButton>
    </>
  );
}

/** Disables the member's access, or enables it again; both ask first. */
export function MemberAccessButton({ name, disabled, ...member }: Member & { disabled: boolean }) {
  return disabled ? (
    <MemberConfirmButton
      {...member}
      label="Enable access"
      title={`Enable ${name}'s access?`}
      confirmLabel="Enable access"
      variant="primary"
      action={enableMemberAction}
      success={`${name} can open this account again.`}
    >
      {name} can open this account again at once, with the role, permissions and projects they had.
    </MemberConfirmButton>
  ) : (
    <MemberConfirmButton
      {...member}
      label="Disable access"
      title={`Disable ${name}'s access?`}
      confirmLabel="Disable access"
      action={disableMemberAction}
      success={`${name}'s access is disabled.`}
    >
      {name} can no longer open this account, from their next click, in every session. They stay in the member
      list with their role and projects, and you can enable their access again at any time.
    </MemberConfirmButton>
  );
}

/** "Send a password reset link" and "Force a password reset", with what happened said beside them. */
export function PasswordResetButtons({
  name,
  awaitsFirstPassword,
  ...member
}: Member & {
  /** Added directly and never chose a password: the link to send is a new welcome link. */
  awaitsFirstPassword: boolean;
}) {
  if (awaitsFirstPassword) {
    return (
      <MemberConfirmButton
        {...member}
        label="Send a new welcome link"
        title={`Send ${name} a new welcome link?`}
        confirmLabel="Send link"
        variant="primary"
        action={sendPasswordResetLinkAction}
        success={({ email }) => `A welcome link is on its way to ${email}.`}
      >
        {name} has not chosen a password yet. They get an email with a link to choose one, valid for 3 hours;
        earlier links stop working.
      </MemberConfirmButton>
    );
  }
  return (
    <>
      <MemberConfirmButton
        {...member}
        label="Send password reset link"
        title={`Send ${name} a password reset link?`}
        confirmLabel="Send link"
        variant="primary"
        action={sendPasswordResetLinkAction}
        success={({ email }) => `A reset link is on its way to ${email}.`}
      >
        {name} gets an email with a link to choose a new password, valid for 1 hour. Their current password
        keeps working until they do.
      </MemberConfirmButton>
      <MemberConfirmButton
        {...member}
        label="Force password reset"
        title={`Force ${name} to choose a new password?`}
        confirmLabel="Force password reset"
        action={forcePasswordResetAction}
        success={({ email }) => `${name} was signed out everywhere; a reset link is on its way to ${email}.`}
      >
        {name}&apos;s current password stops working and every session of theirs ends now, in every account.
        They get an email with a link to choose a new password.
      </MemberConfirmButton>
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
 * The owner hands the account over: a dialog that names the new owner and asks for the owner's
 * password, posting like every confirmation (so it works without JavaScript). On success the
 * action comes back to this page, which says so.
 */
export function TransferOwnershipButton({ name, ...member }: Member) {
  const [password, setPassword] = useState("");
  return (
    <MemberConfirmButton
      {...member}
      label="Make owner"
      title={`Transfer ownership to ${name}?`}
      confirmLabel="Transfer ownership"
      action={transferOwnershipAction}
      confirmDisabled={!password}
      onClose={() => setPassword("")}
    >
      <p>
        {name} becomes the owner, responsible for the subscription, and you become an administrator. Only the
        new owner can give ownership back.
      </p>
      <PasswordField
        label="Your password"
        name="password"
        autoComplete="current-password"
        required
        className="mt-4"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
    </MemberConfirmButton>
  );
}
