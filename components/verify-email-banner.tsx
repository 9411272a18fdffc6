"use client";

import { resendVerificationEmailAction } from "@/app/(app)/actions";
import { useAction } from "@/components/forms/use-action";

/** Shown until the signed-in user confirms their email address. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const resend = useAction(resendVerificationEmailAction, { success: "Sent. Check your inbox." });
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
        {/* aria-disabled, not disabled, while sending: the focus stays on the button. */}
        <button
          type="button"
          aria-disabled={resend.pending || undefined}
          className="font-medium underline aria-disabled:opacity-60"
          onClick={() => {
            if (!resend.pending) resend.run({});
          }}
        >
          {resend.pending ? "Sending…" : "Send the link again"}
        </button>
        {resend.error && <span role="alert">{resend.error}</span>}
      </div>
    </div>
  );
}
