"use client";

import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { revokeInvitationAction } from "./actions";

export function RevokeInvitationButton({
  account,
  invitationId,
  email,
}: {
  account: string;
  invitationId: string;
  email: string;
}) {
  return (
    <ConfirmButton
      label="Revoke"
      title="Revoke this invitation?"
      confirmLabel="Revoke invitation"
      action={revokeInvitationAction}
      fields={{ account, invitationId }}
      success={`The invitation to ${email} is revoked.`}
    >
      The link sent to <strong className="wrap-break-word">{email}</strong> will stop working at once. You can
      invite them again later.
    </ConfirmButton>
  );
}
