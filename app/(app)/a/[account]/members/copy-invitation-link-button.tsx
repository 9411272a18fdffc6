"use client";

import { useActionState, useId, useState } from "react";
import { useHydrated } from "@/components/use-hydrated";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogClose, DialogTrigger } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { RelativeTime } from "@/components/ui/relative-time";
import { Textarea } from "@/components/ui/textarea";
import { notify } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";
import { copyInvitationLinkAction } from "./actions";

type CopyAnswer = ActionResult<{ email: string; link: string; expiresAt: Date }>;

/**
 * "Copy link" on an open invitation: only a hash of each link is kept, so the dialog first says
 * that a new link replaces the emailed one, then shows the new link once — in a read-only field
 * anyone can select (so it works without JavaScript), with a Copy button once scripts run.
 */
export function CopyInvitationLinkButton({
  account,
  invitationId,
  email,
}: {
  account: string;
  invitationId: string;
  email: string;
}) {
  const dialogId = useId();
  const fieldId = useId();
  const [answer, formAction, pending] = useActionState<CopyAnswer | null, FormData>(
    copyInvitationLinkAction,
    null,
  );
  // Closing the dialog puts the link away: it is shown once.
  const [dismissed, setDismissed] = useState<CopyAnswer | null>(null);
  const [copied, setCopied] = useState(false);
  const hydrated = useHydrated();
  const current = answer !== dismissed ? answer : null;

  const copy = async (link: string) => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      notify.success("Invitation link copied.");
    } catch {
      notify.error("Could not copy: select the link and copy it yourself.");
    }
  };

  return (
    <>
      <DialogTrigger dialogId={dialogId}>
        Copy link<span className="sr-only"> for {email}</span>
      </DialogTrigger>
      <Dialog
        id={dialogId}
        title="Copy the invitation link"
        onClose={() => {
          setDismissed(answer);
          setCopied(false);
        }}
        // Without JavaScript the POST renders the page again: open there on the link (or the refusal).
        openWithoutScript={!hydrated && current !== null}
      >
        {current?.ok ? (
          <div className="space-y-4">
            <div>
              <label htmlFor={fieldId} className="block text-sm font-medium">
                Invitation link for <span className="wrap-break-word">{current.data.email}</span>
              </label>
              {/* The whole link in view, wrapped where the line ends (a link has no spaces to
                  wrap at); read-only yet a Tab stop, selected whole on focus, to copy. */}
              <Textarea
                id={fieldId}
                readOnly
                rows={3}
                spellCheck={false}
                value={current.data.link}
                onFocus={(event) => event.currentTarget.select()}
                className="mt-1 resize-none font-mono text-xs wrap-anywhere"
              />
              <p className="mt-1 text-xs text-zinc-600">
                Shown only now. It works once, for{" "}
                <span className="wrap-break-word">{current.data.email}</span> only, and expires{" "}
                <RelativeTime date={current.data.expiresAt} />.
              </p>
            </div>
            <DialogActions>
              {hydrated && (
                <Button variant="primary" onClick={() => copy(current.data.link)}>
                  {copied ? "Copied" : "Copy"}
                </Button>
              )}
              <DialogClose>Done</DialogClose>
            </DialogActions>
          </div>
        ) : (
          <form action={formAction} className="space-y-4">
            <input type="hidden" name="account" value={account} />
            <input type="hidden" name="invitationId" value={invitationId} />
            <p className="text-sm text-zinc-600">
              To hand the invitation for <strong className="wrap-break-word">{email}</strong> over yourself, a
              new link is made and shown here once. The link already emailed to them stops working. No email
              is sent.
            </p>
            {current && !current.ok && <Notice tone="error">{current.error}</Notice>}
            <DialogActions>
              <DialogClose disabled={pending}>Cancel</DialogClose>
              <Button type="submit" variant="primary" pending={pending}>
                Make a new link
              </Button>
            </DialogActions>
          </form>
        )}
      </Dialog>
    </>
  );
}
