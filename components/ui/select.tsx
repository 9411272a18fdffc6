import type { ComponentProps } from "react";
import { controlClasses } from "./control";

type SelectProps = ComponentProps<"select"> & {
  /** Marks the choice as wrong: a red border and `aria-invalid`. */
  invalid?: boolean;
};

/** A native select (keyboard, phones and forms without JavaScript work as the browser does). */
export function Select({ invalid, className, ...props }: SelectProps) {
  return (
    <select
      aria-invalid={invalid || undefined}
      {...props}
      className={controlClasses(invalid, "pr-8", className)}
    />
  );
}
