import type { AppErrorCode } from "@/lib/errors";

/**
 * What every server action answers; forms read `fieldErrors` next to their fields. Called from
 * a `<form action>`, it also carries the `values` typed into the form (never a password), so
 * a form rendered again without JavaScript keeps them.
 */
export type ActionResult<T = null> = (
  | { ok: true; data: T }
  | {
      ok: false;
      code: AppErrorCode | "unexpected";
      error: string;
      fieldErrors?: Partial<Record<string, string>>;
      /** For an unexpected error: the reference of its log line, also quoted at the end of `error`. */
      reference?: string;
    }
) & { values?: Record<string, string> };
