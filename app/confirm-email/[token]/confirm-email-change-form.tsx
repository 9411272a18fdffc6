"use client";

import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { confirmEmailChangeSchema } from "@/lib/users/schemas";
import { confirmEmailChangeAction } from "./actions";

export function ConfirmEmailChangeForm({ token }: { token: string }) {
  const { formProps, field, pending, formError } = useFormAction({
    schema: confirmEmailChangeSchema,
    action: confirmEmailChangeAction,
    defaultValues: { token },
  });
  return (
    <form {...formProps} className="space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <input type="hidden" {...field("token")} />
      <Button type="submit" pending={pending} className="w-full">
        Confirm my new address
      </Button>
    </form>
  );
}
