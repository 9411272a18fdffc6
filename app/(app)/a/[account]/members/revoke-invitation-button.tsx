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
      onConfirm={async () => {
        const result = await revokeInvitationAction({ account, invitationId });
        if (!result.ok) return result.error;
      }}
    >
      The link sent to <strong className="break-all">{email}</strong> will stop working at once. You can
      invite them again later.
    </ConfirmButton>
  );
}
