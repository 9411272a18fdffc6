"use client";

import { useActionState, useState, type ReactNode } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { Button } from "@/components/ui/button";
import { Dialog, DialogTrigger } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/actions/result";
import type { InviteOutcome } from "@/lib/invitations/invite";
import type { RoleOption } from "@/lib/roles/choice";
import { inviteMembersAction } from "./actions";
import { InviteForm } from "./invite-form";

export const INVITE_DIALOG_ID = "invite-dialog";

type InviteAnswer = ActionResult<InviteOutcome[]>;

/**
 * "Invite people": a button opening a dialog with the invite form. The button and the dialog
 * work without JavaScript (invoker commands; the form POSTs, and the page comes back with the
 * dialog open on what happened). While every seat is taken the button is disabled and points
 * at the reason (`fullReasonId`, shown by the page); the dialog stays, so the results of the
 * send that took the last seat stay on screen.
 */
export function InviteDialog({
  account,
  roles,
  projects,
  whenFull,
  fullReasonId,
}: {
  account: string;
  roles: RoleOption[];
  projects: { key: string; name: string }[];
  whenFull: ReactNode;
  /** The id of the text saying why nobody can be invited now; null while seats are free. */
  fullReasonId: string | null;
}) {
  const [answer, formAction] = useActionState<InviteAnswer | null, FormData>(inviteMembersAction, null);
  // The answer the user already put away ("Invite more people", or closing the dialog).
  const [dismissed, setDismissed] = useState<InviteAnswer | null>(null);
  // Closing the dialog starts the next opening afresh, on an empty form.
  const [opening, setOpening] = useState(0);
  const hydrated = useHydrated();
  const current = answer !== dismissed ? answer : null;
  return (
    <>
      {fullReasonId ? (
        <Button disabled aria-describedby={fullReasonId}>
          Invite people
        </Button>
      ) : (
        <DialogTrigger dialogId={INVITE_DIALOG_ID} variant="primary">
          Invite people
        </DialogTrigger>
      )}
      <Dialog
        id={INVITE_DIALOG_ID}
        title="Invite people"
        size="lg"
        onClose={() => {
          setDismissed(answer);
          setOpening((n) => n + 1);
        }}
        // Without JavaScript the POST renders the page again: open there (not modal, which
        // needs script) on the results or the reason it was refused.
        openWithoutScript={!hydrated && current !== null}
      >
        <InviteForm
          key={opening}
          account={account}
          roles={roles}
          projects={projects}
          whenFull={whenFull}
          formAction={formAction}
          answer={current}
          onDismissAnswer={() => setDismissed(answer)}
        />
      </Dialog>
    </>
  );
}
