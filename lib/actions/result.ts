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
    }
) & { values?: Record<string, string> };
