import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * What a refused call may change, by design, and why. Everything else in every table of the
 * database must be exactly as it was.
 */
const LEGITIMATE_CHANGES: { table: string; rows?: string; columns?: string[]; why: string }[] = [
  {
    table: "rate_limits",
    why: "counters count refused attempts too (failed sign-ins, invitations past a budget): that is what limits them",
  },
  {
    table: "audit_events",
    rows: `action IN ('authorization.denied', 'rate_limit.hit', 'user.sign_in_failed', 'user.sign_in_throttled',
      'user.password_confirmation_failed', 'user.two_factor_failed')`,
    why: "refusals for want of a permission, limits hit, failed sign-ins and wrong passwords or codes (when confirming a change) are logged as they happen",
  },
  // Every request records the caller's activity (at most every few minutes); triggers copy it
  // from the session to its user and to each of their memberships (the people table sorts by it).
  { table: "sessions", columns: ["last_seen_at"], why: "the caller's activity" },
  { table: "users", columns: ["last_active_at"], why: "the caller's activity, copied from sessions" },
  {
    table: "memberships",
    columns: ["member_last_active_at"],
    why: "the caller's activity, copied from users",
  },
];

/** The rows of a raw query: postgres.js answers the list itself, PGlite an object holding it. */
const rowsOf = <Row>(result: unknown): Row[] =>
  Array.isArray(result) ? (result as Row[]) : (result as { rows: Row[] }).rows;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The query that fingerprints every table of the public schema, minus the legitimate changes. */
async function fingerprintQuery(db: Db) {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`
      SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name
    `),
  );
  const parts = tables.flatMap(({ name }) => {
    const excluded = LEGITIMATE_CHANGES.find((change) => change.table === name);
    if (excluded && !excluded.rows && !excluded.columns) return [];
    const columns = excluded?.columns?.length
      ? ` - ARRAY[${excluded.columns.map(quoteText).join(", ")}]::text[]`
      : "";
    const where = excluded?.rows ? ` WHERE NOT (${excluded.rows})` : "";
    return [
      `SELECT ${quoteText(name)} AS name, count(*)::int AS rows,
         md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) AS hash
       FROM (SELECT (to_jsonb(t)${columns})::text AS r FROM ${quoteIdent(name)} t${where}) s`,
    ];
  });
  return sql.raw(parts.join("\nUNION ALL\n"));
}

export type Fingerprint = Map<string, string>;

/**
 * A function that reads row counts and a hash of every row of every table (but what a refusal
 * may change), by table. The tables are listed once, when it is made.
 */
export async function fingerprinter(db: Db): Promise<() => Promise<Fingerprint>> {
  const query = await fingerprintQuery(db);
  return async () => {
    const rows = rowsOf<{ name: string; rows: number; hash: string }>(await db.execute(query));
    return new Map(rows.map((row) => [row.name, `${row.rows} rows, ${row.hash}`]));
  };
}

/** The tables whose fingerprints differ, as "table: before → after". */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((name) => before.get(name) !== after.get(name))
    .map((name) => `${name}: ${before.get(name)} → ${after.get(name)}`);
}
