/** What every server action answers; forms read `fieldErrors` next to their fields. */
export type ActionResult<T = null> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Partial<Record<string, string>> };
