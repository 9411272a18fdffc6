"use client";

import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { profileSchema } from "@/lib/users/schemas";
import { updateProfileAction } from "./actions";

export function ProfileForm(props: { name: string; displayName: string; username: string; company: string }) {
  const { successNotice, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: profileSchema,
    action: updateProfileAction,
    defaultValues: props,
    success: () => "Profile saved.",
  });
  return (
    <form {...formProps} className="mt-4 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      {successNotice && <Notice tone="success">{successNotice}</Notice>}
      <TextField label="Full name" autoComplete="name" error={fieldError("name")} {...field("name")} />
      <TextField
        label="Display name (optional)"
        autoComplete="nickname"
        hint="Shown in Roster instead of your full name, e.g. Ada."
        error={fieldError("displayName")}
        {...field("displayName")}
      />
      <TextField
        label="User name (optional)"
        autoComplete="username"
        spellCheck={false}
        autoCapitalize="none"
        hint="Letters, digits and dashes; nobody else can have it."
        error={fieldError("username")}
        {...field("username")}
      />
      <TextField
        label="Company (optional)"
        autoComplete="organization"
        error={fieldError("company")}
        {...field("company")}
      />
      <Button type="submit" pending={pending}>
        Save profile
      </Button>
    </form>
  );
}
