"use client";

import { useState, useTransition } from "react";
import { resendVerificationEmailAction } from "@/app/(app)/actions";

/** Shown until the signed-in user confirms their email address. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div
      className="border-b border-amber-200 bg-amber-50 text-sm text-amber-900"
      role="region"
      aria-label="Email confirmation"
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2">
        <span>
          Please confirm your email address: we sent a link to <strong>{email}</strong>.
        </span>
        <button
          type="button"
          disabled={pending}
          className="font-medium underline disabled:opacity-60"
          onClick={() =>
            startTransition(async () => {
              const result = await resendVerificationEmailAction({});
              setMessage(result.ok ? "Sent. Check your inbox." : result.error);
            })
          }
        >
          {pending ? "Sending…" : "Send the link again"}
        </button>
        {message && <span role="status">{message}</span>}
      </div>
    </div>
  );
}
