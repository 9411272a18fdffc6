"use client";

import { ProjectRoleSelect } from "@/components/forms/project-role-select";
import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import type { ProjectRole } from "@/db/schema";
import {
  addProjectMemberSchema,
  archiveProjectSchema,
  changeProjectMemberSchema,
  deleteProjectSchema,
  updateProjectSchema,
} from "@/lib/projects/schemas";
import {
  addProjectMemberAction,
  changeProjectMemberRoleAction,
  deleteProjectAction,
  removeProjectMemberAction,
  setProjectArchivedAction,
  updateProjectAction,
} from "./actions";

type Target = { account: string; project: string };

/** The account and project every action here is about. */
function TargetFields({ account, project }: Target) {
  return (
    <>
      <input type="hidden" name="account" value={account} />
      <input type="hidden" name="project" value={project} />
    </>
  );
}

export function ProjectDetailsForm({
  target,
  name,
  description,
  canRename,
}: {
  target: Target;
  name: string;
  description: string;
  canRename: boolean;
}) {
  const { successNotice, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: updateProjectSchema,
    action: updateProjectAction,
    defaultValues: { name, description },
    success: ({ changed }) => (changed ? "Saved." : "Nothing to save."),
  });
  return (
    <form {...formProps} className="mt-4 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      {successNotice && <Notice tone="success">{successNotice}</Notice>}
      <TargetFields {...target} />
      <TextField
        label="Name"
        readOnly={!canRename}
        hint={canRename ? undefined : "Only people who manage every project can rename it."}
        error={fieldError("name")}
        {...field("name")}
      />
      <TextField label="Description" error={fieldError("description")} {...field("description")} />
      <Button type="submit" pending={pending}>
        Save
      </Button>
    </form>
  );
}

export function ArchiveProjectForm({ target, archived }: { target: Target; archived: boolean }) {
  const { formProps, field, pending, formError } = useFormAction({
    schema: archiveProjectSchema,
    action: setProjectArchivedAction,
    defaultValues: { archived: archived ? "false" : "true" },
    success: () => (archived ? "The project is back in the project list." : "Project archived."),
  });
  return (
    <form {...formProps} className="flex flex-wrap items-center gap-3">
      <TargetFields {...target} />
      <input type="hidden" {...field("archived")} />
      <Button type="submit" variant="secondary" pending={pending}>
        {archived ? "Unarchive project" : "Archive project"}
      </Button>
      {formError && <span className="text-sm text-red-700">{formError}</span>}
    </form>
  );
}

export function DeleteProjectForm({ target, name }: { target: Target; name: string }) {
  const { formProps, field, pending, formError, fieldError } = useFormAction({
    schema: deleteProjectSchema,
    action: deleteProjectAction,
    defaultValues: { confirmName: "" },
  });
  return (
    <form {...formProps} className="mt-4 max-w-sm space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <TargetFields {...target} />
      <TextField
        label={`Type ${name} to confirm`}
        autoComplete="off"
        error={fieldError("confirmName")}
        {...field("confirmName")}
      />
      <Button type="submit" variant="danger" pending={pending}>
        Delete project
      </Button>
    </form>
  );
}

export function AddProjectMemberForm({ target }: { target: Target }) {
  const { successNotice, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: addProjectMemberSchema,
    action: addProjectMemberAction,
    defaultValues: { email: "", role: "editor" },
    success: ({ name }) => `${name} has access now.`,
  });
  return (
    <form {...formProps} className="grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-start">
      {formError && (
        <div className="sm:col-span-3">
          <Notice tone="error">{formError}</Notice>
        </div>
      )}
      {successNotice && (
        <div className="sm:col-span-3">
          <Notice tone="success">{successNotice}</Notice>
        </div>
      )}
      <TargetFields {...target} />
      <TextField label="Email of a member" type="email" error={fieldError("email")} {...field("email")} />
      <ProjectRoleSelect label="Project role" {...field("role")} />
      <Button type="submit" pending={pending} className="sm:mt-6">
        Give access
      </Button>
    </form>
  );
}

export function ProjectMemberRoleForm({
  target,
  membershipId,
  role,
  name,
}: {
  target: Target;
  membershipId: string;
  role: ProjectRole;
  name: string;
}) {
  const { formProps, field, pending, formError } = useFormAction({
    schema: changeProjectMemberSchema,
    action: changeProjectMemberRoleAction,
    defaultValues: { membershipId, role },
    success: () => `${name}'s project role was changed.`,
  });
  return (
    <form {...formProps} className="flex items-end gap-2">
      <TargetFields {...target} />
      <input type="hidden" {...field("membershipId")} />
      <ProjectRoleSelect label={`Project role of ${name}`} hideLabel {...field("role")} />
      <Button type="submit" variant="secondary" pending={pending}>
        Change
      </Button>
      {formError && <span className="text-sm text-red-700">{formError}</span>}
    </form>
  );
}

export function RemoveProjectMemberButton({
  target,
  membershipId,
  name,
}: {
  target: Target;
  membershipId: string;
  name: string;
}) {
  return (
    <ConfirmButton
      label={`Remove ${name}`}
      title={`Remove ${name} from the project?`}
      confirmLabel="Remove"
      action={removeProjectMemberAction}
      fields={{ ...target, membershipId }}
      success={`${name} no longer has access to the project.`}
    >
      They lose access to the project at once. Their membership of the account stays.
    </ConfirmButton>
  );
}
