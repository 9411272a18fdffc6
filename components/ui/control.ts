import type { ClassNameValue } from "tailwind-merge";
import { cn } from "@/lib/ui/cn";

/** What a read-only text input or textarea adds (not a select: every select is `:read-only`). */
export const READ_ONLY = "read-only:bg-zinc-50 read-only:text-zinc-600";

/**
 * The look of a text input, select or textarea, in one place. Borders are zinc-500: 4.8:1
 * against the surface (WCAG 1.4.11 asks 3:1 for a control's boundary; zinc-300 was 1.5:1).
 */
export function controlClasses(invalid: boolean | undefined, ...extra: ClassNameValue[]) {
  return cn(
    "block rounded-md border-0 bg-surface px-3 py-2 text-sm text-zinc-900 shadow-xs ring-1 ring-inset",
    "placeholder:text-zinc-500 focus:ring-2 focus:ring-inset focus:outline-none",
    "disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-600",
    invalid ? "ring-red-600 focus:ring-red-600" : "ring-zinc-500 focus:ring-focus",
    ...extra,
  );
}
