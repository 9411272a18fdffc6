import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customRoles, memberships, type MembershipRole } from "@/db/schema";
import { roleLabel } from "@/lib/permissions/roles";

export const MEMBER_SORTS = ["name", "role", "joined"] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export const MEMBERS_PAGE_SIZE = 50;

/** Where a page starts: after the last row of the previous page, or before the first of the next. */
export type PageCursor = { after: string } | { before: string } | null;

type SortKey = (string | number)[];

// Each sort walks one index, (account_id, <sort columns>, id), and pages by keyset: a page
// starts where the last one ended, so page 2,000 costs what page 1 costs.
const SORTS: Record<MemberSort, { columns: SQL[]; descending: boolean; keyOf: (row: MemberRow) => SortKey }> =
  {
    name: {
      columns: [sql`${memberships.memberName}`, sql`${memberships.id}`],
      descending: false,
      keyOf: (row) => [row.name, row.membershipId],
    },
    role: {
      // The role enum is declared in rank order: owner, admin, member, guest, custom.
      columns: [sql`${memberships.role}`, sql`${memberships.memberName}`, sql`${memberships.id}`],
      descending: false,
      keyOf: (row) => [row.role, row.name, row.membershipId],
    },
    joined: {
      columns: [sql`${memberships.createdAt}`, sql`${memberships.id}`],
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
  /** created_at as PostgreSQL prints it: microseconds, which a JavaScript Date would round away. */
  joinedKey: string;
};

const encodeCursor = (key: SortKey) => Buffer.from(JSON.stringify(key)).toString("base64url");

function decodeCursor(cursor: string, sort: MemberSort): SortKey | null {
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    const width = SORTS[sort].columns.length;
    return Array.isArray(key) && key.length === width && key.every((v) => typeof v === "string") ? key : null;
  } catch {
    return null;
  }
}

/** `(a, b, c) > ($1, $2, $3)` with each value cast to its column's type. */
function keysetCondition(sort: MemberSort, key: SortKey, forward: boolean): SQL {
  const { columns, descending } = SORTS[sort];
  const values = key.map((value, i) => {
    if (sort === "role" && i === 0) return sql`${value}::membership_role`;
    if (sort === "joined" && i === 0) return sql`${value}::timestamptz`;
    if (columns.length - 1 === i) return sql`${value}::uuid`;
    return sql`${value}`;
  });
  const greater = forward !== descending;
  return sql`(${sql.join(columns, sql`, `)}) ${greater ? sql`>` : sql`<`} (${sql.join(values, sql`, `)})`;
}

/** Escapes LIKE wildcards so that a search for "50%" finds "50%". */
const containsPattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of an account's members, optionally only those whose name or email contains
 * `q`, in the chosen order. Never reads more than a page (plus one row to know if more follow).
 */
export async function listMembers(
  db: Db,
  accountId: string,
  {
    q = "",
    sort = "name",
    cursor = null,
    limit = MEMBERS_PAGE_SIZE,
  }: { q?: string; sort?: MemberSort; cursor?: PageCursor; limit?: number },
) {
  const { columns, descending, keyOf } = SORTS[sort];
  const backward = Boolean(cursor && "before" in cursor);
  const rawCursor = cursor ? ("after" in cursor ? cursor.after : cursor.before) : null;
  const key = rawCursor ? decodeCursor(rawCursor, sort) : null;
  const search = q.trim();
  const ascending = backward === descending; // walking backwards flips the order
  const rows = await db
    .select({
      membershipId: memberships.id,
      userId: memberships.userId,
      name: memberships.memberName,
      email: memberships.memberEmail,
      role: memberships.role,
      customRoleName: customRoles.name,
      joinedAt: memberships.createdAt,
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
    .orderBy(...columns.map((column) => (ascending ? asc(column) : desc(column))))
    .limit(limit + 1);

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
    previous: first && (backward ? more : Boolean(key)) ? encodeCursor(keyOf(first)) : null,
    next: last && (backward ? Boolean(key) : more) ? encodeCursor(keyOf(last)) : null,
  };
}

/** How many members an account has (an index-only count). */
export async function countMembers(db: Db, accountId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(memberships).where(eq(memberships.accountId, accountId));
  return row?.n ?? 0;
}
