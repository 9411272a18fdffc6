"use client";

import Link from "next/link";
import { ProjectRoleSelect } from "@/components/forms/project-role-select";
import { ProjectChoices, RoleChoices } from "@/components/forms/role-and-project-choices";
import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { Checkbox, CheckboxGroup } from "@/components/ui/checkbox";
import { Notice } from "@/components/ui/notice";
import { addPersonSchema } from "@/lib/members/schemas";
import type { RoleOption } from "@/lib/roles/choice";
import { addPersonAction } from "./actions";

const OUTCOME_TEXT = {
  invited:
    "already has a Roster user, so they were sent an invitation instead: they join once they accept it.",
  already_member: "is already a member of this account.",
  already_invited: "already has an open invitation to this account.",
} as const;

/**
 * The "New user" form. It posts to its server action (and works without scripts); a person
 * whose address already has a user is invited instead, and the form says so.
 */
export function NewPersonForm({
  account,
  roles,
  defaultRole,
  projects,
  membersPath,
}: {
  account: string;
  /** The roles the administrator may give. */
  roles: RoleOption[];
  defaultRole: string;
  /** Projects whose access the administrator manages. */
  projects: { key: string; name: string }[];
  membersPath: string;
}) {
  const { state, formProps, field, form, pending, formError, fieldError } = useFormAction({
    schema: addPersonSchema,
    action: addPersonAction,
    defaultValues: {
      name: "",
      email: "",
      username: "",
      displayName: "",
      company: "",
      role: defaultRole,
      projectRole: "viewer",
      welcomeSubject: "",
    },
  });
  const result = state?.ok ? state.data : null;
  // Checkboxes and radios: what was sent before, or the defaults on a fresh form.
  const typed = state?.values;
  const checked = (name: "sendWelcome" | "bccMe", fallback: boolean) =>
    typed ? typed[name] === "on" : fallback;
  const chosenRole = typed?.role ?? defaultRole;

  if (result) {
    return (
      <div className="mt-6 space-y-4">
        {result.outcome === "added" ? (
          <Notice tone="success">
            {result.name} was added.{" "}
            {result.welcomeSent
              ? "A welcome email with a link to choose a password is on its way (the link works for 3 hours)."
              : "No email was sent: send them a welcome link from their page when they should sign in."}
          </Notice>
        ) : (
          <Notice tone="info">
            {result.email} {OUTCOME_TEXT[result.outcome]}
          </Notice>
        )}
        <div className="flex flex-wrap gap-4 text-sm font-medium">
          {result.outcome === "added" && (
            <Link href={`${membersPath}/${result.membershipId}`} className="text-indigo-700 hover:underline">
              Open their page
            </Link>
          )}
          {/* A plain link: a fresh page, so the form starts empty. */}
          <a href={`${membersPath}/new`} className="text-indigo-700 hover:underline">
            Add another person
          </a>
          <Link href={membersPath} className="text-indigo-700 hover:underline">
            Back to members
          </Link>
        </div>
      </div>
    );
  }

  return (
    <form {...formProps} className="mt-6 space-y-6">
      {formError && <Notice tone="error">{formError}</Notice>}
      <input type="hidden" name="account" value={account} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Full name" autoComplete="off" error={fieldError("name")} {...field("name")} />
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          error={fieldError("email")}
          {...field("email")}
        />
        <TextField
          label="User name (optional)"
          hint="Letters, digits and dashes."
          autoComplete="off"
          spellCheck={false}
          error={fieldError("username")}
          {...field("username")}
        />
        <TextField
          label="Display name (optional)"
          hint="Shown instead of the full name."
          autoComplete="off"
          error={fieldError("displayName")}
          {...field("displayName")}
        />
        <TextField
          label="Company (optional)"
          autoComplete="off"
          error={fieldError("company")}
          {...field("company")}
        />
      </div>

      <CheckboxGroup legend="Role" error={fieldError("role")} errorId="new-person-role-error">
        <RoleChoices roles={roles} registration={form.register("role")} checked={chosenRole} />
      </CheckboxGroup>

      {projects.length > 0 && (
        <CheckboxGroup
          legend="Projects (optional)"
          error={fieldError("projectKeys")}
          errorId="new-person-projects-error"
        >
          <ProjectChoices projects={projects} registration={form.register("projectKeys")} />
          <div className="mt-3 max-w-xs">
            <ProjectRoleSelect label="Project role" {...field("projectRole")} />
          </div>
        </CheckboxGroup>
      )}

      <fieldset className="space-y-3 rounded-md p-4 ring-1 ring-zinc-200">
        <legend className="px-1 text-sm font-medium">Welcome email</legend>
        <Checkbox
          label="Send a welcome email with a link to choose a password"
          description="Recommended: without it, they will not know how to get in. The link works for 3 hours; you can send a new one from their page."
          defaultChecked={checked("sendWelcome", true)}
          {...form.register("sendWelcome")}
        />
        <TextField
          label="Subject (optional)"
          placeholder="Welcome to … on Roster"
          error={fieldError("welcomeSubject")}
          {...field("welcomeSubject")}
        />
        <Checkbox
          label="Send me a blind copy (BCC)"
          defaultChecked={checked("bccMe", false)}
          {...form.register("bccMe")}
        />
      </fieldset>

      <div className="flex items-center gap-3">
        <Button type="submit" pending={pending}>
          Add user
        </Button>
        <Link href={membersPath} className="text-sm font-medium text-zinc-700 hover:underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}
