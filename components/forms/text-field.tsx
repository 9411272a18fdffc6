"use client";

import { useId, type ComponentProps, type ReactNode } from "react";
import { controlClasses, READ_ONLY } from "@/components/ui/control";
import { FieldError, FieldHint } from "@/components/ui/field-error";

type TextFieldProps = ComponentProps<"input"> & {
  label: string;
  error?: string;
  hint?: ReactNode;
  /** Something inside the input's right end (the password field's Show button). */
  trailing?: ReactNode;
};

/** A labelled input with its hint and its error underneath, wired for screen readers. */
export function TextField({ label, error, hint, trailing, id, className = "", ...input }: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const field = (
    <input
      id={inputId}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : hint ? hintId : undefined}
      className={controlClasses(Boolean(error), READ_ONLY, "w-full", trailing ? "pr-16" : "mt-1")}
      // A read-only value is shown, not a stop on the way through the form (a field meant to be
      // copied from, like the join link, passes tabIndex={0}).
      tabIndex={input.readOnly ? -1 : undefined}
      {...input}
    />
  );
  return (
    <div className={className}>
      <label htmlFor={inputId} className="block text-sm font-medium text-zinc-900">
        {label}
      </label>
      {trailing ? (
        <div className="relative mt-1">
          {field}
          <div className="absolute inset-y-0 right-0 flex items-center pr-1.5">{trailing}</div>
        </div>
      ) : (
        field
      )}
      {hint && !error && <FieldHint id={hintId}>{hint}</FieldHint>}
      <FieldError id={errorId}>{error}</FieldError>
    </div>
  );
}
