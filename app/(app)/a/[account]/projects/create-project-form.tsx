"use client";

import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { createProjectSchema } from "@/lib/projects/schemas";
import { createProjectAction } from "./actions";

export function CreateProjectForm({ account }: { account: string }) {
  const { formProps, field, pending, formError, fieldError } = useFormAction({
    schema: createProjectSchema,
    action: createProjectAction,
    defaultValues: { name: "", key: "", description: "" },
  });
  return (
    <form {...formProps} className="grid gap-4 sm:grid-cols-[2fr_1fr]">
      {formError && (
        <div className="sm:col-span-2">
          <Notice tone="error">{formError}</Notice>
        </div>
      )}
      <input type="hidden" name="account" value={account} />
      <TextField label="Name" error={fieldError("name")} {...field("name")} />
      <TextField
        label="Key"
        hint="2–10 letters and digits, like WEB: the project's address."
        autoCapitalize="characters"
        spellCheck={false}
        error={fieldError("key")}
        {...field("key")}
      />
      <TextField
        label="Description (optional)"
        className="sm:col-span-2"
        error={fieldError("description")}
        {...field("description")}
      />
      <div>
        <Button type="submit" pending={pending}>
          Create project
        </Button>
      </div>
    </form>
  );
}
