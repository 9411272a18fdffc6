"use client";

import type { UseFormRegisterReturn } from "react-hook-form";
import { Checkbox } from "@/components/ui/checkbox";
import type { RoleOption } from "@/lib/roles/choice";

/**
 * A role picked from cards, each saying what the role gives. `checked` marks the one chosen
 * when the page renders (for a form that works before its scripts load); without it, the
 * form library's default values decide.
 */
export function RoleChoices({
  roles,
  registration,
  checked,
}: {
  roles: RoleOption[];
  registration: UseFormRegisterReturn;
  checked?: string;
}) {
  return (
    <div className="mt-2 grid gap-2 sm:grid-cols-3">
      {roles.map((option) => (
        <label
          key={option.value}
          className="flex cursor-pointer gap-2 rounded-md p-3 text-sm ring-1 ring-zinc-200 has-checked:bg-indigo-50 has-checked:ring-indigo-400"
        >
          <input
            type="radio"
            value={option.value}
            defaultChecked={checked === undefined ? undefined : option.value === checked}
            className="mt-0.5"
            {...registration}
          />
          <span>
            <span className="block font-medium">{option.label}</span>
            <span className="block text-xs text-zinc-600">{option.description}</span>
          </span>
        </label>
      ))}
    </div>
  );
}

/** Projects picked with checkboxes, each by name and key. */
export function ProjectChoices({
  projects,
  registration,
  className = "sm:grid-cols-3",
}: {
  projects: { key: string; name: string }[];
  registration: UseFormRegisterReturn;
  /** The grid's columns. */
  className?: string;
}) {
  return (
    <div className={`mt-2 grid gap-2 ${className}`}>
      {projects.map((project) => (
        <Checkbox
          key={project.key}
          value={project.key}
          label={
            <>
              {project.name} <span className="font-mono text-zinc-600">{project.key}</span>
            </>
          }
          {...registration}
        />
      ))}
    </div>
  );
}
