"use client";

import { useId, useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Textarea } from "@/components/ui/textarea";
import { startImpersonationAction } from "./actions";

/**
 * "Log in as": asks why (kept in the audit log), then opens the account as that person. The
 * dialog's form posts, like every confirmation, so it works without JavaScript too.
 */
export function ImpersonateButton({
  account,
  membershipId,
  name,
  minutes,
}: {
  account: string;
  membershipId: string;
  name: string;
  minutes: number;
}) {
  const reasonId = useId();
  const [reason, setReason] = useState("");
  return (
    <ConfirmButton
      label={`Log in as ${name}`}
      title={`Log in as ${name}?`}
      confirmLabel={`Log in as ${name}`}
      variant="primary"
      action={startImpersonationAction}
      fields={{ account, membershipId }}
      confirmDisabled={reason.trim().length < 3}
    >
      <p>
        You see and do in this account what {name} can, for at most {minutes} minutes, with a banner on every
        page. Their password, email, two-factor and sessions stay out of reach, and everything you do is
        logged under both your names.
      </p>
      <label htmlFor={reasonId} className="mt-4 block text-sm font-medium text-zinc-900">
        Why do you need to act as them?
      </label>
      <Textarea
        id={reasonId}
        name="reason"
        rows={3}
        minLength={3}
        maxLength={500}
        required
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        className="mt-1"
      />
    </ConfirmButton>
  );
}
