"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { verifyEmailAction } from "./actions";

export function ConfirmEmailButton({ token }: { token: string }) {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: true; email: string } | { ok: false; error: string } | null>(
    null,
  );
  if (outcome?.ok) {
    return (
      <div className="space-y-4">
        <Notice tone="success">{outcome.email} is confirmed. Thank you!</Notice>
        <Link href="/" className="text-sm font-medium text-indigo-700 hover:underline">
          Continue to Roster
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      {outcome && <Notice tone="error">{outcome.error}</Notice>}
      <Button
        className="w-full"
        pending={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await verifyEmailAction({ token });
            setOutcome(
              result.ok ? { ok: true, email: result.data.email } : { ok: false, error: result.error },
            );
          })
        }
      >
        Confirm my email
      </Button>
    </div>
  );
}
