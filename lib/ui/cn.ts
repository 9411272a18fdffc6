import { twMerge, type ClassNameValue } from "tailwind-merge";

/**
 * Joins class names, skipping falsy ones, and lets a later Tailwind class win over an earlier
 * one of the same kind: `cn("px-3 bg-surface", className)` with `className="px-0"` gives
 * "bg-surface px-0", so a component's caller can override its defaults without `!important`.
 */
export function cn(...classes: ClassNameValue[]): string {
  return twMerge(...classes);
}
