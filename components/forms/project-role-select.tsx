"use client";

import { useId, type ComponentProps } from "react";
import { Select } from "@/components/ui/select";
import { PROJECT_ROLE_NAMES, PROJECT_ROLES } from "@/lib/projects/project-roles";

/** A labelled choice of project role (Viewer, Editor, Manager). */
export function ProjectRoleSelect({
  label,
  hideLabel = false,
  ...props
}: { label: string; hideLabel?: boolean } & ComponentProps<"select">) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "block text-sm font-medium text-zinc-900"}>
        {label}
      </label>
      <Select id={id} className="mt-1 w-full" {...props}>
        {PROJECT_ROLE_NAMES.map((role) => (
          <option key={role} value={role}>
            {PROJECT_ROLES[role].label}
          </option>
        ))}
      </Select>
    </div>
  );
}
