"use client";

import { useState, useTransition } from "react";
import { acceptMyInvitationAction, declineMyInvitationAction } from "@/app/(app)/accounts/actions";
import type { ActionResult } from "@/lib/actions/result";
import { Button } from "./ui/button";

export function MyInvitationButtons({
  invitationId,
  accountName,
}: {
  invitationId: string;
  accountName: string;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (action: (input: { invitationId: string }) => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      const result = await action({ invitationId });
      if (result && !result.ok) setError(result.error);
    });
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        <Button
          pending={pending}
          onClick={() => run(acceptMyInvitationAction)}
          aria-label={`Accept the invitation to ${accountName}`}
        >
          Accept
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => run(declineMyInvitationAction)}
          aria-label={`Decline the invitation to ${accountName}`}
        >
          Decline
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
