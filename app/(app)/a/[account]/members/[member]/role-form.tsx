"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
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
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const options = roles.some((r) => r.value === current)
    ? roles
    : [{ value: current, label: currentLabel, description: "", grantable: false }, ...roles];
  return (
    <form
      method="post"
      className="mt-3 flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await changeMemberRoleAction({ account, membershipId, role });
          const label = options.find((r) => r.value === role)?.label;
          setMessage(
            result.ok
              ? { tone: "success", text: `Role changed to ${label}.` }
              : { tone: "error", text: result.error },
          );
        });
      }}
    >
      <div>
        <label htmlFor="member-role" className="block text-sm font-medium">
          Role
        </label>
        <select
          id="member-role"
          value={role}
          onChange={(event) => {
            setRole(event.target.value);
            setMessage(null);
          }}
          className="mt-1 block rounded-md border-0 py-2 pr-8 pl-3 text-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-indigo-600"
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary" pending={pending} disabled={role === current}>
        Change role
      </Button>
      <p className="w-full text-xs text-zinc-500">
        Changing the role clears this member&apos;s permission exceptions.
      </p>
      {message && (
        <div className="w-full">
          <Notice tone={message.tone}>{message.text}</Notice>
        </div>
      )}
    </form>
  );
}
