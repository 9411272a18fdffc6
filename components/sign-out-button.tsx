"use client";

import { signOutAction } from "@/app/(app)/actions";
import { useFormAction } from "@/components/forms/use-form-action";
import { signOutSchema } from "@/lib/users/schemas";
import { Button } from "./ui/button";

/** Signs out (this session ends on the server); a form, so it works before scripts load too. */
export function SignOutButton() {
  const { formProps, pending } = useFormAction({
    schema: signOutSchema,
    action: signOutAction,
    defaultValues: {},
  });
  return (
    <form {...formProps}>
      <Button type="submit" variant="ghost" pending={pending} className="whitespace-nowrap">
        Sign out
      </Button>
    </form>
  );
}
