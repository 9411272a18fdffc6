import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, customRoles, membershipRole, memberships, type MembershipRole } from "@/db/schema";
import { roleLabel } from "@/lib/permissions/roles";
import { isUuid } from "@/lib/uuid";

export const MEMBER_SORTS = ["name", "role", "joined"] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export const MEMBERS_PAGE_SIZE = 50;

/** Where a page starts: after the last row of the previous page, or before the first of the next. */
export type PageCursor = { after: string } | { before: string } | null;

type SortKey = string[];

const ROLES: readonly string[] = membershipRole.enumValues;

/** A sort column: how it reads in SQL, and how a cursor's value for it is checked and cast. */
type SortColumn = { column: SQL; cast: (value: string) => SQL | null };
const textColumn = (column: SQL): SortColumn => ({ column, cast: (v) => sql`${v}` });
const idColumn: SortColumn = {
  column: sql`${memberships.id}`,
  cast: (v) => (isUuid(v) ? sql`${v}::uuid` : null),
};

// Each sort walks one index, (account_id, <sort columns>, id), and pages by keyset: a page
// starts where the last one ended, so page 2,000 costs what page 1 costs.
//
// A search picks between two plans by how many members match (see `searchIsBroad`): few
// matches are collected from the search index and sorted — the first sort key is replaced by
// an expression that orders the same way but that no index provides, which steers PostgreSQL
// away from walking the whole account in order hoping matches come early (they cluster: a
// search for "Grace" matches names that all sort late); many matches (a company's email
// domain) are found quickly by walking the sort's index, which the query then keeps.
const SORTS: Record<
  MemberSort,
  { columns: SortColumn[]; searchFirstColumn: SQL; descending: boolean; keyOf: (row: MemberRow) => SortKey }
> = {
  name: {
    columns: [textColumn(sql`${memberships.memberName}`), idColumn],
    searchFirstColumn: sql`(${memberships.memberName} || '')`,
    descending: false,
    keyOf: (row) => [row.name, row.membershipId],
  },
  role: {
    // The role enum is declared in rank order: owner, admin, member, guest, custom.
    columns: [
      {
        column: sql`${memberships.role}`,
        cast: (v) => (ROLES.includes(v) ? sql`${v}::membership_role` : null),
      },
      textColumn(sql`${memberships.memberName}`),
      idColumn,
    ],
    searchFirstColumn: sql`array_position(enum_range(null::membership_role), ${memberships.role})`,
    descending: false,
    keyOf: (row) => [row.role, row.name, row.membershipId],
  },
  joined: {
    columns: [
      {
        column: sql`${memberships.createdAt}`,
        cast: (v) => (Number.isNaN(Date.parse(v)) ? null : sql`${v}::timestamptz`),
      },
      idColumn,
    ],
    searchFirstColumn: sql`(${memberships.createdAt} + interval '0 seconds')`,
    descending: true,
    keyOf: (row) => [row.joinedKey, row.membershipId],
  },
};

type MemberRow = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: MembershipRole;
  customRoleName: string | null;
  joinedAt: Date;
  disabledAt: Date | null;
  awaitingApprovalSince: Date | null;
  /** created_at as PostgreSQL prints it: microseconds, which a JavaScript Date would round away. */
  joinedKey: string;
};

const encodeCursor = (key: SortKey) => Buffer.from(JSON.stringify(key)).toString("base64url");

/**
 * A cursor from the URL, as SQL values for the sort's columns; null for anything malformed
 * (a cursor is user input: a bad one starts from the first page instead of failing).
 */
function decodeCursor(cursor: string, sort: MemberSort): SQL[] | null {
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    const { columns } = SORTS[sort];
    if (!Array.isArray(key) || key.length !== columns.length || !key.every((v) => typeof v === "string"))
      return null;
    const values = key.map((value: string, i) => columns[i]!.cast(value));
    return values.every((v) => v !== null) ? (values as SQL[]) : null;
  } catch {
    return null;
  }
}

/** `(a, b, c) > ($1, $2, $3)`: the rows after (or before) the cursor in the sort's order. */
function keysetCondition(sort: MemberSort, values: SQL[], forward: boolean): SQL {
  const { columns, descending } = SORTS[sort];
  const greater = forward !== descending;
  return sql`(${sql.join(
    columns.map((c) => c.column),
    sql`, `,
  )}) ${greater ? sql`>` : sql`<`} (${sql.join(values, sql`, `)})`;
}

/** Escapes LIKE wildcards so that a search for "50%" finds "50%". */
const containsPattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

type ListOptions = {
  q?: string;
  sort?: MemberSort;
  cursor?: PageCursor;
  limit?: number;
  /** For a search: whether so many members match that walking the sort's index finds a page fastest. */
  broad?: boolean;
};

/**
 * The query behind one page of the member list (exported so that the benchmark can run the
 * very same SQL on its own, for comparison).
 */
export function membersPageQuery(
  db: Db,
  accountId: string,
  { q = "", sort = "name", cursor = null, limit = MEMBERS_PAGE_SIZE, broad = false }: ListOptions,
) {
  const { columns, searchFirstColumn, descending } = SORTS[sort];
  const backward = Boolean(cursor && "before" in cursor);
  const rawCursor = cursor ? ("after" in cursor ? cursor.after : cursor.before) : null;
  const key = rawCursor ? decodeCursor(rawCursor, sort) : null;
  const search = q.trim();
  const ascending = backward === descending; // walking backwards flips the order
  const query = db
    .select({
      membershipId: memberships.id,
      userId: memberships.userId,
      name: memberships.memberName,
      email: memberships.memberEmail,
      role: memberships.role,
      customRoleName: customRoles.name,
      joinedAt: memberships.createdAt,
      disabledAt: memberships.disabledAt,
      awaitingApprovalSince: memberships.awaitingApprovalSince,
      joinedKey: sql<string>`${memberships.createdAt}::text`,
    })
    .from(memberships)
    .leftJoin(customRoles, eq(customRoles.id, memberships.customRoleId))
    .where(
      and(
        eq(memberships.accountId, accountId),
        search ? sql`${memberships.searchText} like ${containsPattern(search)}` : undefined,
        key ? keysetCondition(sort, key, !backward) : undefined,
      ),
    )
    .orderBy(
      ...columns.map(({ column }, i) => {
        const key = search && !broad && i === 0 ? searchFirstColumn : column;
        return ascending ? asc(key) : desc(key);
      }),
    )
    .limit(limit + 1);
  return { query, backward, fromCursor: Boolean(key) };
}

/**
 * One page of an account's members, optionally only those whose name or email contains
 * `q`, in the chosen order. Never reads more than a page (plus one row to know if more follow).
 */
export async function listMembers(db: Db, accountId: string, options: ListOptions) {
  const limit = options.limit ?? MEMBERS_PAGE_SIZE;
  const { keyOf } = SORTS[options.sort ?? "name"];
  const q = options.q?.trim() ?? "";
  const broad = q ? await searchIsBroad(db, accountId, q) : false;
  const { query, backward, fromCursor } = membersPageQuery(db, accountId, { ...options, broad });
  const rows: MemberRow[] = await query;
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backward) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  return {
    members: page.map(({ joinedKey: _joinedKey, ...row }) => ({
      ...row,
      roleLabel: roleLabel(row.role, row.customRoleName),
    })),
    // Forwards, a previous page exists if we came from one; backwards, if more rows were found.
    previous: first && (backward ? more : fromCursor) ? encodeCursor(keyOf(first)) : null,
    next: last && (backward ? fromCursor : more) ? encodeCursor(keyOf(last)) : null,
  };
}

/**
 * Whether a search matches at least a fifth of an account's members (and at least 1,000),
 * counted no further than that from the search index. Under three characters the trigram
 * index cannot help count, and such short searches mostly match widely: broad.
 */
export async function searchIsBroad(db: Db, accountId: string, q: string): Promise<boolean> {
  if (q.length < 3) return true;
  const threshold = Math.max(1000, Math.ceil((await countMembers(db, accountId)) / 5));
  const probe = db
    .select({ one: sql`1` })
    .from(memberships)
    .where(
      and(eq(memberships.accountId, accountId), sql`${memberships.searchText} like ${containsPattern(q)}`),
    )
    .limit(threshold)
    .as("probe");
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(probe);
  return (row?.n ?? 0) >= threshold;
}

/** How many members an account has (kept on the account row by triggers: no counting). */
export async function countMembers(db: Db, accountId: string): Promise<number> {
  const [row] = await db.select({ n: accounts.memberCount }).from(accounts).where(eq(accounts.id, accountId));
  return row?.n ?? 0;
}
