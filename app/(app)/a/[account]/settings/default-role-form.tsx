"use client";

import { useId } from "react";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import { defaultRoleSchema } from "@/lib/accounts/schemas";
import { setDefaultRoleAction } from "./actions";

/** The account's default role for new people, chosen from its roles (the owner's aside). */
export function DefaultRoleForm({
  account,
  role,
  roles,
}: {
  account: string;
  role: string;
  roles: { value: string; label: string }[];
}) {
  const id = useId();
  const { successNotice, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: defaultRoleSchema,
    action: setDefaultRoleAction,
    defaultValues: { role },
    success: () => "Default role saved.",
  });
  const error = fieldError("role");
  return (
    <form {...formProps} className="mt-4 flex flex-wrap items-end gap-3">
      {formError && (
        <div className="w-full">
          <Notice tone="error">{formError}</Notice>
        </div>
      )}
      {successNotice && (
        <div className="w-full">
          <Notice tone="success">{successNotice}</Notice>
        </div>
      )}
      <input type="hidden" name="account" value={account} />
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-zinc-900">
          Default role
        </label>
        <Select
          id={id}
          invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          className="mt-1"
          {...field("role")}
        >
          {roles.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
        <FieldError id={`${id}-error`}>{error}</FieldError>
      </div>
      <Button type="submit" variant="secondary" pending={pending}>
        Save default role
      </Button>
    </form>
  );
}
