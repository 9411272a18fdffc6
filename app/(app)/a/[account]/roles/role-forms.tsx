"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Checkbox, CheckboxGroup } from "@/components/ui/checkbox";
import { ConfirmButton } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import { PERMISSIONS, type Permission } from "@/lib/permissions/permissions";
import type { RoleOption } from "@/lib/roles/choice";
import { customRoleSchema } from "@/lib/roles/schemas";
import { createCustomRoleAction, deleteCustomRoleAction, updateCustomRoleAction } from "./actions";

export type PermissionChoice = { permission: Permission; label: string; holdable: boolean };
type RoleValues = z.input<typeof customRoleSchema>;
type CustomRoleView = {
  id: string;
  name: string;
  description: string;
  permissions: string[];
  members: number;
  invitations: number;
};

function RoleFields({
  form,
  fieldError,
  permissionChoices,
  kept = [],
}: {
  form: UseFormReturn<RoleValues, unknown, z.output<typeof customRoleSchema>>;
  fieldError: (name: "name" | "description" | "permissions") => string | undefined;
  permissionChoices: PermissionChoice[];
  /** Permissions the role has that the editor cannot change: shown, kept, not part of the form. */
  kept?: readonly string[];
}) {
  return (
    <>
      <TextField
        label="Name"
        placeholder="e.g. Manager, Customer, Vendor"
        error={fieldError("name")}
        {...form.register("name")}
      />
      <TextField
        label="Description (optional)"
        error={fieldError("description")}
        {...form.register("description")}
      />
      <CheckboxGroup
        legend="Permissions"
        hint="You can only give permissions you hold yourself."
        error={fieldError("permissions")}
      >
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {permissionChoices.map((choice) =>
            choice.holdable ? (
              <Checkbox
                key={choice.permission}
                label={choice.label}
                value={choice.permission}
                {...form.register("permissions")}
              />
            ) : (
              <Checkbox
                key={choice.permission}
                label={choice.label}
                disabled
                checked={kept.includes(choice.permission)}
                readOnly
              />
            ),
          )}
        </div>
      </CheckboxGroup>
    </>
  );
}

export function NewRoleForm({
  account,
  permissionChoices,
}: {
  account: string;
  permissionChoices: PermissionChoice[];
}) {
  const { form, onSubmit, pending, formError, fieldError } = useActionForm({
    schema: customRoleSchema,
    action: (values) => createCustomRoleAction({ ...values, account }),
    defaultValues: { name: "", description: "", permissions: ["members.read"] },
    success: (_, values) => `Role “${values.name}” created. Assign it from a member's page or when inviting.`,
    onSuccess: () => form.reset(),
  });
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <RoleFields form={form} fieldError={fieldError} permissionChoices={permissionChoices} />
      <Button type="submit" pending={pending}>
        Create role
      </Button>
    </form>
  );
}

function EditRoleForm({
  account,
  role,
  permissionChoices,
  onDone,
}: {
  account: string;
  role: CustomRoleView;
  permissionChoices: PermissionChoice[];
  onDone: () => void;
}) {
  const kept = role.permissions.filter(
    (p) => !permissionChoices.some((c) => c.permission === p && c.holdable),
  ) as Permission[];
  const { form, onSubmit, pending, formError, fieldError } = useActionForm({
    schema: customRoleSchema,
    // Permissions the editor doesn't hold are not in the form; they stay as they are.
    action: (values) =>
      updateCustomRoleAction({
        ...values,
        permissions: [...(values.permissions ?? []), ...kept],
        account,
        roleId: role.id,
      }),
    defaultValues: {
      name: role.name,
      description: role.description,
      permissions: (role.permissions as Permission[]).filter((p) => !kept.includes(p)),
    },
    success: (_, values) => `Role “${values.name}” saved.`,
    onSuccess: onDone,
  });
  // The form replaced the Edit button that opened it: its first field takes the focus.
  const { setFocus } = form;
  useEffect(() => setFocus("name"), [setFocus]);
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      <RoleFields form={form} fieldError={fieldError} permissionChoices={permissionChoices} kept={kept} />
      <div className="flex gap-3">
        <Button type="submit" pending={pending}>
          Save role
        </Button>
        <Button variant="secondary" onClick={onDone} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function DeleteRoleButton({
  account,
  role,
  moveTargets,
}: {
  account: string;
  role: CustomRoleView;
  moveTargets: RoleOption[];
}) {
  const selectId = useId();
  const held = role.members > 0;
  return (
    <ConfirmButton
      label="Delete"
      title={`Delete the role “${role.name}”?`}
      confirmLabel={held ? "Move members and delete" : "Delete role"}
      action={deleteCustomRoleAction}
      fields={{ account, roleId: role.id }}
      success={`Role “${role.name}” deleted.`}
    >
      {held ? (
        <div className="space-y-2">
          <p>
            {role.members === 1 ? "1 member holds" : `${role.members} members hold`} this role. Choose the
            role they move to:
          </p>
          <label htmlFor={selectId} className="sr-only">
            Move members to
          </label>
          <Select
            id={selectId}
            name="moveMembersTo"
            defaultValue={moveTargets.find((r) => r.value === "member")?.value ?? moveTargets[0]?.value}
            className="w-full"
          >
            {moveTargets.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
      ) : (
        <p>Nobody holds this role. It will be gone for good.</p>
      )}
    </ConfirmButton>
  );
}

export function CustomRoleCard({
  account,
  role,
  permissionChoices,
  canManage,
  moveTargets,
}: {
  account: string;
  role: CustomRoleView;
  permissionChoices: PermissionChoice[];
  canManage: boolean;
  moveTargets: RoleOption[];
}) {
  const [editing, setEditing] = useState(false);
  // Back on the Edit button once the form closes (saved or cancelled), not on the page.
  const editButton = useRef<HTMLButtonElement>(null);
  const [closedByUser, setClosedByUser] = useState(false);
  useEffect(() => {
    if (!editing && closedByUser) editButton.current?.focus();
  }, [editing, closedByUser]);
  return (
    <Card className="p-5">
      <div className="flex flex-wrap items-start justify-between gap-3" data-role={role.name}>
        <div>
          <h3 className="font-medium">{role.name}</h3>
          {role.description && <p className="text-sm text-zinc-600">{role.description}</p>}
          <p className="mt-1 text-xs text-zinc-500">
            {role.permissions.length === 0
              ? "No permissions"
              : role.permissions.map((p) => PERMISSIONS[p as Permission] ?? p).join(" · ")}
          </p>
          <p className="mt-1 text-xs text-zinc-500">
            {role.members === 1 ? "1 member" : `${role.members} members`}
            {role.invitations > 0 &&
              ` · ${role.invitations} open invitation${role.invitations === 1 ? "" : "s"}`}
          </p>
        </div>
        {canManage && !editing && (
          <div className="flex gap-2">
            <Button ref={editButton} variant="secondary" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <DeleteRoleButton account={account} role={role} moveTargets={moveTargets} />
          </div>
        )}
      </div>
      {editing && (
        <EditRoleForm
          account={account}
          role={role}
          permissionChoices={permissionChoices}
          onDone={() => {
            setEditing(false);
            setClosedByUser(true);
          }}
        />
      )}
    </Card>
  );
}
