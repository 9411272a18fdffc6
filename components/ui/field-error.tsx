import type { ReactNode } from "react";

/**
 * A field's error under it. The input points at it with `aria-describedby={id}` (and carries
 * `aria-invalid`), so a screen reader reads it with the field. Renders nothing without an error.
 */
export function FieldError({ id, children }: { id?: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700" data-field-error>
      {children}
    </p>
  );
}

/** A field's help text under it, for `aria-describedby`. */
export function FieldHint({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-1 text-xs text-zinc-600">
      {children}
    </p>
  );
}
