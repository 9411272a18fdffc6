import Link from "next/link";
import type { ComponentProps } from "react";
import type { ClassNameValue } from "tailwind-merge";
import { cn } from "@/lib/ui/cn";
import { Spinner } from "./spinner";

const VARIANTS = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-500 disabled:bg-indigo-400",
  secondary:
    "bg-surface text-zinc-900 ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 disabled:text-zinc-400",
  danger: "bg-red-600 text-white hover:bg-red-500 disabled:bg-red-400",
  ghost: "text-zinc-700 hover:bg-zinc-100 disabled:text-zinc-400",
} as const;

export type ButtonVariant = keyof typeof VARIANTS;

/** A button's classes; `extra` wins over the defaults (`cn`), e.g. `px-2` for a smaller one. */
export function buttonClasses(variant: ButtonVariant = "primary", extra?: ClassNameValue) {
  return cn(
    "inline-flex items-center justify-center gap-2 rounded-md px-3.5 py-2 text-sm font-semibold shadow-xs transition-colors disabled:cursor-not-allowed",
    VARIANTS[variant],
    extra,
  );
}

type ButtonProps = ComponentProps<"button"> & { variant?: ButtonVariant; pending?: boolean };

/**
 * A button; while `pending` it shows a spinner and cannot be pressed again. Pending is
 * `aria-disabled`, not `disabled`: a disabled button drops keyboard focus to the page, and
 * the person who pressed it should still be on it when the action answers.
 */
export function Button({
  variant = "primary",
  pending = false,
  className = "",
  children,
  disabled,
  onClick,
  ...props
}: ButtonProps) {
  return (
    <button
      type="button"
      {...props}
      disabled={disabled}
      aria-disabled={pending || undefined}
      aria-busy={pending || undefined}
      onClick={(event) => {
        // Also stops a submit button from posting its form a second time.
        if (pending) event.preventDefault();
        else onClick?.(event);
      }}
      className={buttonClasses(variant, `aria-busy:cursor-progress ${className}`)}
    >
      {pending && <Spinner />}
      {children}
    </button>
  );
}

export function ButtonLink({
  variant = "primary",
  className = "",
  ...props
}: ComponentProps<typeof Link> & { variant?: ButtonVariant }) {
  return <Link {...props} className={buttonClasses(variant, className)} />;
}
