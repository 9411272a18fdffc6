import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/lib/ui/cn";
import { FieldError } from "./field-error";

type CheckboxProps = Omit<ComponentProps<"input">, "type"> & {
  /** What ticking it means; the whole line is clickable. */
  label: ReactNode;
  /** A line of explanation under the label. */
  description?: ReactNode;
  /** Classes of the label around the box and its text. */
  className?: string;
};

/** A native checkbox with its label (and an optional explanation), in the app's colour. */
export function Checkbox({ label, description, className, disabled, ...input }: CheckboxProps) {
  return (
    <label
      className={cn(
        "flex items-start gap-2 text-sm",
        disabled ? "cursor-not-allowed text-zinc-500" : "cursor-pointer",
        className,
      )}
    >
      <input
        type="checkbox"
        disabled={disabled}
        {...input}
        className="mt-0.5 size-4 shrink-0 accent-indigo-600 disabled:cursor-not-allowed"
      />
      <span>
        {label}
        {description && <span className="block text-xs text-zinc-600">{description}</span>}
      </span>
    </label>
  );
}

/**
 * Checkboxes (or radios) answering one question: a fieldset named by its legend, with an
 * optional hint and the group's error under it.
 */
export function CheckboxGroup({
  legend,
  hint,
  error,
  errorId,
  className,
  children,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** The error's id: the group points at it, so its error is read with it. */
  errorId?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className={className} aria-describedby={error && errorId ? errorId : undefined}>
      <legend className="text-sm font-medium text-zinc-900">{legend}</legend>
      {hint && <p className="text-xs text-zinc-600">{hint}</p>}
      {children}
      <FieldError id={errorId}>{error}</FieldError>
    </fieldset>
  );
}
