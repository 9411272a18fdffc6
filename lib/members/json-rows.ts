import "server-only";
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/**
 * The rows of `query` as one JSON array, for a column of another statement: a page reads its
 * several small lists in one round trip (issue 15). Each row is an object keyed by the query's
 * column names (snake case, as in the table); `orderBy` orders them by one of those columns
 * (`t.name`), since an aggregate keeps no order of its own. Dates arrive as ISO text.
 */
export function jsonRows<T>(query: SQLWrapper, orderBy: SQL): SQL<T[]> {
  return sql<
    T[]
  >`(select coalesce(json_agg(t order by ${orderBy}), '[]'::json) from (${query}) as t)`.mapWith(
    parseJson<T[]>,
  );
}

/** postgres.js hands json over as text, PGlite parsed. */
export function parseJson<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
