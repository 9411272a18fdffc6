"use client";

import { stopImpersonationAction } from "@/app/(app)/actions";
import { useFormAction } from "@/components/forms/use-form-action";
import { z } from "zod";

const stopSchema = z.object({});

/**
 * On every page while an administrator acts as someone ("log in as"): whom, where, until when,
 * and Stop, which returns them to their own session on the same page. A form, so it works
 * before scripts load too.
 */
export function ImpersonationBanner({
  name,
  accountName,
  until,
}: {
  name: string;
  accountName: string;
  /** The time the acting ends, as text (e.g. "14:05 UTC"). */
  until: string;
}) {
  const { formProps, pending } = useFormAction({
    schema: stopSchema,
    action: stopImpersonationAction,
    defaultValues: {},
  });
  return (
    <div
      className="border-b border-rose-300 bg-rose-600 text-sm text-white"
      role="region"
      aria-label="Acting as"
    >
      <form
        {...formProps}
        className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2"
      >
        <span>
          You are acting as <strong>{name}</strong> in {accountName}, until {until}.
        </span>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-surface px-2.5 py-1 font-semibold text-rose-700 hover:bg-rose-50 disabled:opacity-60"
        >
          Stop acting as {name}
        </button>
      </form>
    </div>
  );
}
