"use client";

import { useId, type ComponentProps } from "react";
import { PROJECT_ROLE_NAMES, PROJECT_ROLES } from "@/lib/projects/project-roles";

const selectClasses =
  "mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-zinc-900 shadow-xs ring-1 ring-inset ring-zinc-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none";

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
      <select id={id} className={selectClasses} {...props}>
        {PROJECT_ROLE_NAMES.map((role) => (
          <option key={role} value={role}>
            {PROJECT_ROLES[role].label}
          </option>
        ))}
      </select>
    </div>
  );
}
