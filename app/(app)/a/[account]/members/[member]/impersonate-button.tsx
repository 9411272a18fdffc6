"use client";

import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions, DialogClose, DialogTrigger } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { Textarea } from "@/components/ui/textarea";
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
  const dialogId = useId();
  const reasonId = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <DialogTrigger dialogId={dialogId}>Log in as {name}</DialogTrigger>
      <Dialog
        id={dialogId}
        onClose={() => {
          setError(null);
        }}
        title={`Log in as ${name}?`}
      >
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
            <Textarea
              id={reasonId}
              name="reason"
              rows={3}
              maxLength={500}
              required
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              className="mt-1"
            />
          </div>
          <DialogActions>
            <DialogClose disabled={pending}>Cancel</DialogClose>
            <Button type="submit" pending={pending} disabled={reason.trim().length < 3}>
              Log in as {name}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
