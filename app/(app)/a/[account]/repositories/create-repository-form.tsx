"use client";

import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { repositoryFieldsSchema } from "@/lib/repositories/schemas";
import { createRepositoryAction } from "./actions";
import { RepositoryFields } from "./repository-fields";

export function CreateRepositoryForm({ account }: { account: string }) {
  const { formProps, field, pending, formError, fieldError } = useFormAction({
    schema: repositoryFieldsSchema,
    action: createRepositoryAction,
    defaultValues: { name: "", cloneUrl: "", defaultBranch: "main", description: "" },
  });
  return (
    <form {...formProps} className="grid gap-4 sm:grid-cols-2">
      {formError && (
        <div className="sm:col-span-2">
          <Notice tone="error">{formError}</Notice>
        </div>
      )}
      <input type="hidden" name="account" value={account} />
      <RepositoryFields field={field} fieldError={fieldError} />
      <div>
        <Button type="submit" pending={pending}>
          Add repository
        </Button>
      </div>
    </form>
  );
}
