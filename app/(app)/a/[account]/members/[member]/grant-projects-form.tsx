"use client";

import { ProjectRoleSelect } from "@/components/forms/project-role-select";
import { ProjectChoices } from "@/components/forms/role-and-project-choices";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { CheckboxGroup } from "@/components/ui/checkbox";
import { Notice } from "@/components/ui/notice";
import { grantProjectsSchema } from "@/lib/projects/schemas";
import { grantProjectsAction } from "./actions";

/** "Grant access to more projects": several projects, one project role, one step. */
export function GrantProjectsForm({
  account,
  membershipId,
  projects,
}: {
  account: string;
  membershipId: string;
  projects: { key: string; name: string }[];
}) {
  const { successNotice, form, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: grantProjectsSchema,
    action: grantProjectsAction,
    defaultValues: { membershipId, role: "viewer" },
    success: ({ granted }) =>
      granted === 1 ? "Access given to 1 project." : `Access given to ${granted} projects.`,
  });
  const keysError = fieldError("projectKeys");
  return (
    <form {...formProps} className="mt-4 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      {successNotice && <Notice tone="success">{successNotice}</Notice>}
      <input type="hidden" name="account" value={account} />
      <input type="hidden" {...field("membershipId")} />
      <CheckboxGroup legend="Grant access to more projects" error={keysError} errorId="grant-projects-error">
        <ProjectChoices
          projects={projects}
          registration={form.register("projectKeys")}
          className="sm:grid-cols-2"
        />
      </CheckboxGroup>
      <div className="max-w-xs">
        <ProjectRoleSelect label="As" {...field("role")} />
      </div>
      <Button type="submit" pending={pending}>
        Give access
      </Button>
    </form>
  );
}
