/** One change an event records: a field (or nothing, for a whole value) from before to after. */
export type AuditChange = { field: string | null; before: string; after: string };

const MAX = 120;

/** A stored value as one short line: text as is, anything else as compact JSON. */
export function auditValueText(value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The before → after of an event's data, field by field where both sides are objects (only
 * the fields that differ), as one change otherwise; none when the event records neither.
 */
export function auditChanges(data: Record<string, unknown>): AuditChange[] {
  const { before, after } = data;
  if (before === undefined && after === undefined) return [];
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return fields
      .filter((field) => JSON.stringify(b[field]) !== JSON.stringify(a[field]))
      .map((field) => ({ field, before: auditValueText(b[field]), after: auditValueText(a[field]) }));
  }
  return [{ field: null, before: auditValueText(before), after: auditValueText(after) }];
}

/** The rest of an event's data (what is not before/after), as "field: value" pairs. */
export function auditDetails(data: Record<string, unknown>): { field: string; value: string }[] {
  return Object.entries(data)
    .filter(([field]) => field !== "before" && field !== "after")
    .map(([field, value]) => ({ field, value: auditValueText(value) }));
}
