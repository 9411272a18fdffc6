"use client";

import type { ComponentProps } from "react";
import { TextField } from "@/components/forms/text-field";

type RepositoryField = "name" | "cloneUrl" | "defaultBranch" | "description";

/** The four fields of a repository, shared by the form that registers one and the one that edits it. */
export function RepositoryFields({
  field,
  fieldError,
}: {
  field: (name: RepositoryField) => ComponentProps<"input">;
  fieldError: (name: RepositoryField) => string | undefined;
}) {
  return (
    <>
      <TextField
        label="Name"
        hint="Letters, digits, dots, dashes and underscores, like web-app: the repository's address."
        spellCheck={false}
        autoCapitalize="none"
        error={fieldError("name")}
        {...field("name")}
      />
      <TextField
        label="Default branch"
        spellCheck={false}
        autoCapitalize="none"
        error={fieldError("defaultBranch")}
        {...field("defaultBranch")}
      />
      <TextField
        label="Clone URL"
        hint="https://github.com/acme/web.git or git@github.com:acme/web.git"
        className="sm:col-span-2"
        inputMode="url"
        spellCheck={false}
        autoCapitalize="none"
        error={fieldError("cloneUrl")}
        {...field("cloneUrl")}
      />
      <TextField
        label="Description (optional)"
        className="sm:col-span-2"
        error={fieldError("description")}
        {...field("description")}
      />
    </>
  );
}
