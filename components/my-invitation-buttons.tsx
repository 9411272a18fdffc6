"use client";

import { useActionState } from "react";
import { acceptMyInvitationAction, declineMyInvitationAction } from "@/app/(app)/accounts/actions";
import { Button } from "./ui/button";

/**
 * Accept or decline an invitation listed in the app: two small forms that POST, so they work
 * without JavaScript too (accepting opens the account; declining shows the list without it).
 */
export function MyInvitationButtons({
  invitationId,
  accountName,
}: {
  invitationId: string;
  accountName: string;
}) {
  const [accepted, accept, accepting] = useActionState(acceptMyInvitationAction, null);
  const [declined, decline, declining] = useActionState(declineMyInvitationAction, null);
  const error = (accepted && !accepted.ok && accepted.error) || (declined && !declined.ok && declined.error);
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        <form action={accept}>
          <input type="hidden" name="invitationId" value={invitationId} />
          <Button
            type="submit"
            pending={accepting}
            disabled={declining}
            aria-label={`Accept the invitation to ${accountName}`}
          >
            Accept
          </Button>
        </form>
        <form action={decline}>
          <input type="hidden" name="invitationId" value={invitationId} />
          <Button
            type="submit"
            variant="secondary"
            pending={declining}
            disabled={accepting}
            aria-label={`Decline the invitation to ${accountName}`}
          >
            Decline
          </Button>
        </form>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
