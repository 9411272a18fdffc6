"use client";

import { useRef, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Select } from "@/components/ui/select";
import type { RoleOption } from "@/lib/roles/choice";
import { changeMemberRoleAction } from "./actions";

export function RoleForm({
  account,
  membershipId,
  current,
  currentLabel,
  roles,
}: {
  account: string;
  membershipId: string;
  current: string;
  currentLabel: string;
  roles: RoleOption[];
}) {
  const [role, setRole] = useState(current);
  const options = roles.some((r) => r.value === current)
    ? roles
    : [{ value: current, label: currentLabel, description: "", grantable: false }, ...roles];
  const select = useRef<HTMLSelectElement>(null);
  const change = useAction(changeMemberRoleAction, {
    success: (_, input) => `Role changed to ${options.find((r) => r.value === input.role)?.label}.`,
    // The button is disabled once the new role is the current one: the role field keeps the focus.
    onSuccess: () => select.current?.focus(),
  });
  return (
    <form
      method="post"
      className="mt-3 flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        change.run({ account, membershipId, role });
      }}
    >
      <div>
        <label htmlFor="member-role" className="block text-sm font-medium">
          Role
        </label>
        <Select
          id="member-role"
          ref={select}
          value={role}
          onChange={(event) => {
            setRole(event.target.value);
            change.clearError();
          }}
          className="mt-1"
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary" pending={change.pending} disabled={role === current}>
        Change role
      </Button>
      <p className="w-full text-xs text-zinc-500">
        Changing the role clears this member&apos;s permission exceptions.
      </p>
      {change.error && (
        <div className="w-full">
          <Notice tone="error">{change.error}</Notice>
        </div>
      )}
    </form>
  );
}
