"use client";

import { z } from "zod";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { sessionIdSchema } from "@/lib/users/schemas";
import { signOutOtherSessionsAction, signOutSessionAction } from "./actions";

/** Ends one other session of mine. */
export function SignOutSessionButton({ sessionId, device }: { sessionId: string; device: string }) {
  const { formProps, field, pending, formError } = useFormAction({
    schema: sessionIdSchema,
    action: signOutSessionAction,
    defaultValues: { sessionId },
  });
  return (
    <form {...formProps} className="flex items-center gap-2">
      <input type="hidden" {...field("sessionId")} />
      {formError && <span className="text-sm text-red-700">{formError}</span>}
      <Button type="submit" variant="secondary" pending={pending} aria-label={`Sign out ${device}`}>
        Sign out
      </Button>
    </form>
  );
}

/** Ends every session of mine but this one. */
export function SignOutEverywhereElseButton() {
  const { formProps, pending, formError } = useFormAction({
    schema: z.object({}),
    action: signOutOtherSessionsAction,
    defaultValues: {},
  });
  return (
    <form {...formProps} className="flex items-center gap-2">
      {formError && <span className="text-sm text-red-700">{formError}</span>}
      <Button type="submit" variant="secondary" pending={pending}>
        Sign out everywhere else
      </Button>
    </form>
  );
}
