import type { ComponentProps } from "react";

/** The id of the page's one `<main>`: the skip link (app/layout.tsx) leads there. */
export const MAIN_ID = "main";

/**
 * The page's main landmark: exactly one per page, with the id the skip link targets.
 * `tabIndex={-1}` lets the skip link move focus into it (not into the Tab order).
 */
export function Main({ className = "", ...props }: Omit<ComponentProps<"main">, "id" | "tabIndex">) {
  return <main id={MAIN_ID} tabIndex={-1} className={`outline-none ${className}`} {...props} />;
}

/** The first thing on every page for keyboard users: straight past the header to the content. */
export function SkipLink() {
  return (
    <a
      href={`#${MAIN_ID}`}
      className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:text-sm focus:font-semibold focus:text-indigo-700 focus:shadow-lg focus:ring-2 focus:ring-indigo-600"
    >
      Skip to content
    </a>
  );
}
