"use client";

import { useActionState } from "react";
import { acceptMyInvitationAction, declineMyInvitationAction } from "@/app/(app)/accounts/actions";
import { Button, type ButtonVariant } from "./ui/button";

type Answer = Awaited<ReturnType<typeof acceptMyInvitationAction | typeof declineMyInvitationAction>>;

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
  const error = refusal(accepted) ?? refusal(declined);
  const button = { invitationId, accountName, busy: accepting || declining };
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        <AnswerForm {...button} action={accept} pending={accepting} label="Accept" />
        <AnswerForm {...button} action={decline} pending={declining} label="Decline" variant="secondary" />
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

function refusal(answer: Answer | null) {
  return answer && !answer.ok ? answer.error : null;
}

/** One answer: a form posting the invitation's id; while either answer is on its way, the other waits. */
function AnswerForm({
  invitationId,
  accountName,
  action,
  pending,
  busy,
  label,
  variant = "primary",
}: {
  invitationId: string;
  accountName: string;
  action: (formData: FormData) => void;
  pending: boolean;
  busy: boolean;
  label: "Accept" | "Decline";
  variant?: ButtonVariant;
}) {
  return (
    <form action={action}>
      <input type="hidden" name="invitationId" value={invitationId} />
      <Button
        type="submit"
        variant={variant}
        pending={pending}
        disabled={busy && !pending}
        aria-label={`${label} the invitation to ${accountName}`}
      >
        {label}
      </Button>
    </form>
  );
}
