import type { ComponentProps } from "react";
import { controlClasses, READ_ONLY } from "./control";

type TextareaProps = ComponentProps<"textarea"> & {
  /** Marks the text as wrong: a red border and `aria-invalid`. */
  invalid?: boolean;
};

/** A multi-line text input, full width unless told otherwise. */
export function Textarea({ invalid, className, ...props }: TextareaProps) {
  return (
    <textarea
      aria-invalid={invalid || undefined}
      {...props}
      className={controlClasses(invalid, READ_ONLY, "w-full", className)}
    />
  );
}
