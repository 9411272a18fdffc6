import "server-only";
import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { accounts, memberships, users } from "@/db/schema";
import { isUuid } from "@/lib/uuid";

/**
 * The console's tables: every user of the installation, and every account. Both page by
 * keyset on an index — users on (name, id), (email) or (created_at, id), accounts on
 * (short_name) — so a page 20,000 deep costs what the first does, at a million users. A user
 * search is a substring of `users.search_text` (lower-case name, email and user name), found
 * through its trigram index.
 */

export const ADMIN_PAGE_SIZE = 50;
/**
 * A search needs three characters: the trigram index cannot narrow anything shorter, and a
 * shorter one would walk up to every user (seconds, at a million users).
 */
export const MIN_SEARCH_LENGTH = 3;
export const USER_SORTS = ["name", "email", "created"] as const;
export type UserSort = (typeof USER_SORTS)[number];

/** Where a page starts: after the last row of the previous page, or before the first of the next. */
export type PageCursor = { after: string } | { before: string } | null;

type SortColumn = { column: SQL; cast: (value: string) => SQL | null };
const idOf = (column: SQL): SortColumn => ({ column, cast: (v) => (isUuid(v) ? sql`${v}::uuid` : null) });

type UserRow = {
  id: string;
  name: string;
  email: string;
  username: string | null;
  isOperator: boolean;
  disabledAt: Date | null;
  createdAt: Date;
  accountCount: number;
  accountNames: string[];
  /** created_at as PostgreSQL prints it: microseconds, which a JavaScript Date would round away. */
  createdKey: string;
};

const USER_SORT_SPECS: Record<
  UserSort,
  { columns: SortColumn[]; narrowFirstColumn: SQL; descending: boolean; keyOf: (row: UserRow) => string[] }
> = {
  name: {
    columns: [{ column: sql`${users.name}`, cast: (v) => sql`${v}` }, idOf(sql`${users.id}`)],
    narrowFirstColumn: sql`(${users.name} || '')`,
    descending: false,
    keyOf: (row) => [row.name, row.id],
  },
  // Emails are unique (users_email_unique): the email alone orders every row.
  email: {
    columns: [{ column: sql`${users.email}`, cast: (v) => sql`${v}::citext` }],
    narrowFirstColumn: sql`(${users.email}::text || '')`,
    descending: false,
    keyOf: (row) => [row.email],
  },
  created: {
    columns: [
      {
        column: sql`${users.createdAt}`,
        cast: (v) => (Number.isNaN(Date.parse(v)) ? null : sql`${v}::timestamptz`),
      },
      idOf(sql`${users.id}`),
    ],
    narrowFirstColumn: sql`(${users.createdAt} + interval '0 seconds')`,
    descending: true,
    keyOf: (row) => [row.createdKey, row.id],
  },
};

const encodeCursor = (key: string[]) => Buffer.from(JSON.stringify(key)).toString("base64url");

/** A cursor from the URL as SQL values; null for anything malformed (the first page instead). */
function decodeCursor(cursor: string, columns: SortColumn[]): SQL[] | null {
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(key) || key.length !== columns.length || !key.every((v) => typeof v === "string"))
      return null;
    const values = key.map((value: string, i) => columns[i]!.cast(value));
    return values.every((v) => v !== null) ? (values as SQL[]) : null;
  } catch {
    return null;
  }
}

/** `(a, b) > ($1, $2)`: the rows after (or before) the cursor in the sort's order. */
function keyset(columns: SortColumn[], values: SQL[], greater: boolean): SQL {
  return sql`(${sql.join(
    columns.map((c) => c.column),
    sql`, `,
  )}) ${greater ? sql`>` : sql`<`} (${sql.join(values, sql`, `)})`;
}

/** Escapes LIKE wildcards so that a search for "50%" finds "50%". */
export const containsPattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Whether a search matches so many users (1,000 or more, counted no further, from the trigram
 * index) that walking the sort's index finds a page fastest; fewer matches are collected from
 * the trigram index and sorted. (Measured at 1,000,000 users: a first page, a page 100 deep,
 * a narrow or a broad search each take milliseconds; counting further to tell clustered broad
 * matches apart cost more than it saved.)
 */
async function searchIsBroad(db: Db, q: string): Promise<boolean> {
  const probe = db
    .select({ one: sql`1` })
    .from(users)
    .where(sql`${users.searchText} like ${containsPattern(q)}`)
    .limit(1000)
    .as("probe");
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(probe);
  return (row?.n ?? 0) >= 1000;
}

/** postgres.js hands arrays of a subquery over as text when typed loosely; PGlite parsed. */
const textArray = (v: unknown): string[] =>
  Array.isArray(v) ? (v as string[]) : typeof v === "string" ? (JSON.parse(v) as string[]) : [];

/**
 * One page of every user, optionally only those whose name, email or user name contains `q`
 * (case-insensitive), in the chosen order, with how many accounts each belongs to (and the
 * first few by short name).
 */
export async function listUsers(
  db: Db,
  {
    q = "",
    sort = "name",
    cursor = null,
    limit = ADMIN_PAGE_SIZE,
  }: { q?: string; sort?: UserSort; cursor?: PageCursor; limit?: number } = {},
) {
  const spec = USER_SORT_SPECS[sort];
  const search = q.trim().slice(0, 100);
  if (search && [...search].length < MIN_SEARCH_LENGTH)
    return { users: [], previous: null, next: null, searchTooShort: true };
  const broad = search ? await searchIsBroad(db, search.toLowerCase()) : true;
  const backward = Boolean(cursor && "before" in cursor);
  const raw = cursor ? ("after" in cursor ? cursor.after : cursor.before) : null;
  const key = raw ? decodeCursor(raw, spec.columns) : null;
  const ascending = backward === spec.descending;
  const rows: UserRow[] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      username: users.username,
      isOperator: users.isPlatformOperator,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
      // Written out: in a one-table select Drizzle leaves columns unqualified, which the
      // subqueries' own tables would capture. One lookup each on memberships_user_idx.
      accountCount: sql<number>`(select count(*) from memberships m where m.user_id = "users"."id")`.mapWith(
        Number,
      ),
      accountNames: sql<string[]>`(select coalesce(json_agg(s.short_name), '[]'::json) from (
          select a.short_name from memberships m join accounts a on a.id = m.account_id
          where m.user_id = "users"."id" order by a.short_name limit 3) s)`.mapWith(textArray),
      createdKey: sql<string>`${users.createdAt}::text`,
    })
    .from(users)
    .where(
      and(
        search ? sql`${users.searchText} like ${containsPattern(search)}` : undefined,
        key ? keyset(spec.columns, key, !backward !== spec.descending) : undefined,
      ),
    )
    .orderBy(
      ...spec.columns.map(({ column }, i) => {
        // A narrow search: collect the matches from the trigram index and sort them, rather
        // than walk the whole sort index hoping matches come early.
        const expr = !broad && i === 0 ? spec.narrowFirstColumn : column;
        return ascending ? asc(expr) : desc(expr);
      }),
    )
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backward) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  return {
    users: page.map(({ createdKey: _createdKey, ...row }) => row),
    searchTooShort: false,
    previous: first && (backward ? more : key) ? encodeCursor(spec.keyOf(first)) : null,
    next: last && (backward ? key : more) ? encodeCursor(spec.keyOf(last)) : null,
  };
}

const owner = alias(users, "owner");
const ownerMembership = alias(memberships, "owner_membership");

/** One page of every account by short name, with its plan, member count, owner and creation. */
export async function listAccounts(
  db: Db,
  {
    q = "",
    cursor = null,
    limit = ADMIN_PAGE_SIZE,
  }: { q?: string; cursor?: PageCursor; limit?: number } = {},
) {
  const backward = Boolean(cursor && "before" in cursor);
  const raw = cursor ? ("after" in cursor ? cursor.after : cursor.before) : null;
  const columns: SortColumn[] = [{ column: sql`${accounts.shortName}`, cast: (v) => sql`${v}` }];
  // By short or display name, anywhere in them: a scan of the accounts table, which holds far
  // fewer rows than users (whose search has a trigram index).
  const pattern = q ? containsPattern(q) : null;
  const key = raw ? decodeCursor(raw, columns) : null;
  const rows = await db
    .select({
      id: accounts.id,
      shortName: accounts.shortName,
      displayName: accounts.displayName,
      plan: accounts.plan,
      memberCount: accounts.memberCount,
      createdAt: accounts.createdAt,
      ownerName: owner.name,
      ownerEmail: owner.email,
    })
    .from(accounts)
    .leftJoin(
      ownerMembership,
      and(eq(ownerMembership.accountId, accounts.id), eq(ownerMembership.role, "owner")),
    )
    .leftJoin(owner, eq(owner.id, ownerMembership.userId))
    .where(
      and(
        key ? keyset(columns, key, !backward) : undefined,
        pattern ? or(ilike(accounts.shortName, pattern), ilike(accounts.displayName, pattern)) : undefined,
      ),
    )
    .orderBy(backward ? desc(accounts.shortName) : asc(accounts.shortName))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backward) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  return {
    accounts: page,
    previous: first && (backward ? more : key) ? encodeCursor([first.shortName]) : null,
    next: last && (backward ? key : more) ? encodeCursor([last.shortName]) : null,
  };
}
