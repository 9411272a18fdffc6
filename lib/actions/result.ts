import type { AppErrorCode } from "@/lib/errors";

/** What every server action answers; forms read `fieldErrors` next to their fields. */
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: AppErrorCode | "unexpected";
      error: string;
      fieldErrors?: Partial<Record<string, string>>;
    };
