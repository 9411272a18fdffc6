"use client";

import { useId } from "react";
import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { Notice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import {
  deleteRepositorySchema,
  repositoryProjectLinkSchema,
  updateRepositorySchema,
} from "@/lib/repositories/schemas";
import { RepositoryFields } from "../repository-fields";
import {
  deleteRepositoryAction,
  linkRepositoryAction,
  unlinkRepositoryAction,
  updateRepositoryAction,
} from "./actions";

type Target = { account: string; repository: string };

// Each form names its account (a plain hidden field) and its repository (a field of the form's
// schema, so registered like the others).

export function RepositoryDetailsForm({
  target,
  values,
}: {
  target: Target;
  values: { name: string; cloneUrl: string; defaultBranch: string; description: string };
}) {
  const { successNotice, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: updateRepositorySchema,
    action: updateRepositoryAction,
    defaultValues: { ...values, repository: target.repository },
    success: ({ changed }) => (changed ? "Saved." : "Nothing to save."),
  });
  return (
    <form {...formProps} className="mt-4 grid gap-4 sm:grid-cols-2">
      {formError && (
        <div className="sm:col-span-2">
          <Notice tone="error">{formError}</Notice>
        </div>
      )}
      {successNotice && (
        <div className="sm:col-span-2">
          <Notice tone="success">{successNotice}</Notice>
        </div>
      )}
      <input type="hidden" name="account" value={target.account} />
      <input type="hidden" {...field("repository")} />
      <RepositoryFields field={field} fieldError={fieldError} />
      <div>
        <Button type="submit" pending={pending}>
          Save
        </Button>
      </div>
    </form>
  );
}

export function LinkProjectForm({
  target,
  projects,
}: {
  target: Target;
  projects: { key: string; name: string }[];
}) {
  const selectId = useId();
  // Without scripts no notice: the project joins the list above, and this form is rebuilt without it.
  const { formProps, field, pending, formError, fieldError } = useFormAction({
    schema: repositoryProjectLinkSchema,
    action: linkRepositoryAction,
    defaultValues: { repository: target.repository, projectKey: projects[0]?.key ?? "" },
    success: ({ project }) => `Linked to ${project}.`,
  });
  const error = fieldError("projectKey");
  return (
    <form {...formProps} className="flex flex-wrap items-end gap-3">
      {formError && (
        <div className="w-full">
          <Notice tone="error">{formError}</Notice>
        </div>
      )}
      <input type="hidden" name="account" value={target.account} />
      <input type="hidden" {...field("repository")} />
      <div>
        <label htmlFor={selectId} className="block text-sm font-medium text-zinc-900">
          Link to a project
        </label>
        <Select
          id={selectId}
          invalid={Boolean(error)}
          aria-describedby={error ? `${selectId}-error` : undefined}
          className="mt-1"
          {...field("projectKey")}
        >
          {projects.map((project) => (
            <option key={project.key} value={project.key}>
              {project.name} ({project.key})
            </option>
          ))}
        </Select>
        <FieldError id={`${selectId}-error`}>{error}</FieldError>
      </div>
      <Button type="submit" pending={pending}>
        Link
      </Button>
    </form>
  );
}

/** A one-button form: unlinking is undone by linking again, so it asks nothing more. */
export function UnlinkProjectButton({
  target,
  project,
}: {
  target: Target;
  project: { key: string; name: string };
}) {
  const { formProps, field, pending, formError } = useFormAction({
    schema: repositoryProjectLinkSchema,
    action: unlinkRepositoryAction,
    defaultValues: { repository: target.repository, projectKey: project.key },
    success: () => `Unlinked from ${project.name}.`,
  });
  return (
    <form {...formProps} className="inline-flex items-center gap-2">
      <input type="hidden" name="account" value={target.account} />
      <input type="hidden" {...field("repository")} />
      <input type="hidden" {...field("projectKey")} />
      <Button type="submit" variant="secondary" pending={pending} aria-label={`Unlink ${project.name}`}>
        Unlink
      </Button>
      {formError && <span className="text-sm text-red-700">{formError}</span>}
    </form>
  );
}

export function DeleteRepositoryForm({ target }: { target: Target }) {
  const { formProps, field, pending, formError, fieldError } = useFormAction({
    schema: deleteRepositorySchema,
    action: deleteRepositoryAction,
    defaultValues: { repository: target.repository, confirmName: "" },
  });
  return (
    <form {...formProps} className="mt-4 max-w-sm space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <input type="hidden" name="account" value={target.account} />
      <input type="hidden" {...field("repository")} />
      <TextField
        label={`Type ${target.repository} to confirm`}
        autoComplete="off"
        spellCheck={false}
        error={fieldError("confirmName")}
        {...field("confirmName")}
      />
      <Button type="submit" variant="danger" pending={pending}>
        Delete repository
      </Button>
    </form>
  );
}
