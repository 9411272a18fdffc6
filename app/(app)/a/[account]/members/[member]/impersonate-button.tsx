"use client";

import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, useDialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { startImpersonationAction } from "./actions";

/** "Log in as": asks why (kept in the audit log), then opens the account as that person. */
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
  const dialog = useDialog();
  const reasonId = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Button
        variant="secondary"
        onClick={() => {
          setError(null);
          dialog.open();
        }}
      >
        Log in as {name}
      </Button>
      <Dialog dialogRef={dialog.ref} title={`Log in as ${name}?`}>
        <form
          method="post"
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            startTransition(async () => {
              const result = await startImpersonationAction({ account, membershipId, reason });
              if (result && !result.ok) setError(result.fieldErrors?.reason ?? result.error);
            });
          }}
        >
          <p className="text-sm text-zinc-600">
            You see and do in this account what {name} can, for at most {minutes} minutes, with a banner on
            every page. Their password, email, two-factor and sessions stay out of reach, and everything you
            do is logged under both your names.
          </p>
          {error && <Notice tone="error">{error}</Notice>}
          <div>
            <label htmlFor={reasonId} className="block text-sm font-medium text-zinc-900">
              Why do you need to act as them?
            </label>
            <textarea
              id={reasonId}
              name="reason"
              rows={3}
              maxLength={500}
              required
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm shadow-xs ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none"
            />
          </div>
          <DialogActions>
            <Button variant="secondary" onClick={dialog.close} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" pending={pending} disabled={reason.trim().length < 3}>
              Log in as {name}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
