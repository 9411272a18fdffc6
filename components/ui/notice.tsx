import type { ReactNode } from "react";

const TONES = {
  error: "bg-red-50 text-red-800 ring-red-200",
  success: "bg-green-50 text-green-800 ring-green-200",
  info: "bg-sky-50 text-sky-900 ring-sky-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-200",
} as const;

/** A message box. Errors are announced to screen readers as they appear. */
export function Notice({ tone = "info", children }: { tone?: keyof typeof TONES; children: ReactNode }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-tone={tone}
      className={`rounded-md px-4 py-3 text-sm ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </div>
  );
}
