import type { ComponentProps } from "react";
import { cn } from "@/lib/ui/cn";

type SwitchProps = Omit<ComponentProps<"input">, "type" | "role"> & {
  /** Classes of the track (e.g. a margin). */
  className?: string;
};

/**
 * An on/off switch that is a real checkbox (`role="switch"`): it posts its `name`/`value` when
 * on and nothing when off, with or without JavaScript, and Space toggles it. The checkbox is
 * invisible and covers the track, so a click anywhere on it toggles and the focus outline
 * follows the track. Name it with a `<label htmlFor>` or `aria-labelledby`.
 * The track keeps its size whatever the state (nothing beside it moves); off is zinc-500, 4.8:1
 * against the surface (WCAG 1.4.11), on is indigo.
 */
export function Switch({ className, ...input }: SwitchProps) {
  return (
    <span
      className={cn(
        "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full bg-zinc-500 transition-colors",
        "has-checked:bg-indigo-600 has-disabled:opacity-50",
        className,
      )}
    >
      <input
        type="checkbox"
        role="switch"
        {...input}
        className="peer absolute inset-0 m-0 size-full cursor-pointer appearance-none rounded-full disabled:cursor-not-allowed"
      />
      <span
        aria-hidden="true"
        className="pointer-events-none inline-block size-5 translate-x-0.5 rounded-full bg-white shadow-sm transition-transform peer-checked:translate-x-5.5"
      />
    </span>
  );
}
