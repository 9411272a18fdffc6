import "server-only";
import { and, asc, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import {
  accounts,
  customRoles,
  membershipRole,
  memberships,
  projectMembers,
  projects,
  users,
  type MembershipRole,
  type ProjectRole,
} from "@/db/schema";
import { roleLabel } from "@/lib/permissions/roles";
import { isUuid } from "@/lib/uuid";

export const MEMBER_SORTS = [
  "name",
  "username",
  "email",
  "company",
  "role",
  "status",
  "joined",
  "lastActive",
] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export const MEMBER_STATUSES = ["active", "awaiting", "disabled"] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const MEMBERS_PAGE_SIZE = 50;
/** A filtered total is counted no further than this ("more than 10,000"): a count must stay cheap. */
export const COUNT_CAP = 10_000;

/** Where a page starts: after the last row of the previous page, or before the first of the next. */
export type PageCursor = { after: string } | { before: string } | null;

/** Which people the table shows; every field comes from the URL. */
export type MemberFilters = {
  /** A built-in role, or `custom:<role id>`. */
  role?: string;
  status?: MemberStatus;
  /** A project key: only people given that project. */
  project?: string;
  /** Disabled people are hidden unless asked for (or filtered by status). */
  showDisabled?: boolean;
};

type SortKey = string[];

const ROLES: readonly string[] = membershipRole.enumValues;

/** A sort column: how it reads in SQL, and how a cursor's value for it is checked and cast. */
type SortColumn = { column: SQL; cast: (value: string) => SQL | null };
const textColumn = (column: SQL): SortColumn => ({ column, cast: (v) => sql`${v}` });
/** `(x = '')`: false before true, so that people without a value come after those with one. */
const blankLast = (column: SQL): SortColumn => ({
  column: sql`(${column} = '')`,
  // A JavaScript boolean, not the text: postgres.js writes any boolean parameter that is not
  // `true` itself as false, so the text "true" would page back to the start.
  cast: (v) => (v === "true" || v === "false" ? sql`${v === "true"}::boolean` : null),
});
const timeColumn = (column: SQL): SortColumn => ({
  column,
  cast: (v) => (v === "-infinity" || !Number.isNaN(Date.parse(v)) ? sql`${v}::timestamptz` : null),
});
const idColumn: SortColumn = {
  column: sql`${memberships.id}`,
  cast: (v) => (isUuid(v) ? sql`${v}::uuid` : null),
};
const name = textColumn(sql`${memberships.memberName}`);

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
    columns: [name, idColumn],
    searchFirstColumn: sql`(${memberships.memberName} || '')`,
    descending: false,
    keyOf: (row) => [row.name, row.membershipId],
  },
  username: {
    columns: [
      blankLast(sql`${memberships.memberUsername}`),
      textColumn(sql`${memberships.memberUsername}`),
      name,
      idColumn,
    ],
    searchFirstColumn: sql`(${memberships.memberUsername} = '' OR false)`,
    descending: false,
    keyOf: (row) => [String(row.username === ""), row.username, row.name, row.membershipId],
  },
  email: {
    columns: [textColumn(sql`${memberships.memberEmail}`), idColumn],
    searchFirstColumn: sql`(${memberships.memberEmail} || '')`,
    descending: false,
    keyOf: (row) => [row.email, row.membershipId],
  },
  company: {
    columns: [
      blankLast(sql`${memberships.memberCompany}`),
      textColumn(sql`${memberships.memberCompany}`),
      name,
      idColumn,
    ],
    searchFirstColumn: sql`(${memberships.memberCompany} = '' OR false)`,
    descending: false,
    keyOf: (row) => [String(row.company === ""), row.company, row.name, row.membershipId],
  },
  role: {
    // The role enum is declared in rank order: owner, admin, member, guest, custom.
    columns: [
      {
        column: sql`${memberships.role}`,
        cast: (v) => (ROLES.includes(v) ? sql`${v}::membership_role` : null),
      },
      name,
      idColumn,
    ],
    searchFirstColumn: sql`array_position(enum_range(null::membership_role), ${memberships.role})`,
    descending: false,
    keyOf: (row) => [row.role, row.name, row.membershipId],
  },
  status: {
    // 'active' < 'awaiting' < 'disabled'.
    columns: [textColumn(sql`${memberships.status}`), name, idColumn],
    searchFirstColumn: sql`(${memberships.status} || '')`,
    descending: false,
    keyOf: (row) => [row.status, row.name, row.membershipId],
  },
  joined: {
    columns: [timeColumn(sql`${memberships.createdAt}`), idColumn],
    searchFirstColumn: sql`(${memberships.createdAt} + interval '0 seconds')`,
    descending: true,
    keyOf: (row) => [row.joinedKey, row.membershipId],
  },
  lastActive: {
    // '-infinity' (never active) comes last, newest first.
    columns: [timeColumn(sql`${memberships.memberLastActiveAt}`), idColumn],
    searchFirstColumn: sql`(${memberships.memberLastActiveAt} + interval '0 seconds')`,
    descending: true,
    keyOf: (row) => [row.lastActiveKey, row.membershipId],
  },
};

export type MemberProjectGrant = { key: string; name: string; role: ProjectRole };

/** How each status reads, in the table and the export. */
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  active: "Active",
  awaiting: "Awaiting approval",
  disabled: "Disabled",
};

/** Who approved and who added a member (users joined twice more, under these names). */
export const approvedByUser = alias(users, "approved_by");
export const addedByUser = alias(users, "added_by");

/**
 * A membership row's project grants as a list by project key, for the people table and its
 * export: a small lookup per row returned, on project_members' membership index. (postgres.js
 * hands json over as text, PGlite parsed.)
 */
export const memberProjectGrants = () =>
  sql<MemberProjectGrant[]>`coalesce((
    select json_agg(json_build_object('key', ${projects.key}, 'name', ${projects.name}, 'role', ${projectMembers.role}) order by ${projects.key})
    from ${projectMembers} join ${projects} on ${projects.id} = ${projectMembers.projectId}
    where ${projectMembers.membershipId} = ${memberships.id}), '[]'::json)`.mapWith(
    (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v) as MemberProjectGrant[],
  );

type MemberRow = {
  membershipId: string;
  userId: string;
  name: string;
  displayName: string | null;
  email: string;
  username: string;
  company: string;
  role: MembershipRole;
  customRoleName: string | null;
  status: MemberStatus;
  joinedAt: Date;
  lastActiveAt: Date | null;
  approvedAt: Date | null;
  approvedByName: string | null;
  addedByName: string | null;
  projects: MemberProjectGrant[];
  /** Timestamps as PostgreSQL prints them: microseconds, which a JavaScript Date would round away. */
  joinedKey: string;
  lastActiveKey: string;
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

/** The conditions of a search and filters (not of paging): shared by the page and its count. */
function matching(accountId: string, q: string, filters: MemberFilters): SQL {
  const { role, status, project, showDisabled } = filters;
  const customRoleId = role?.startsWith("custom:") ? role.slice("custom:".length) : null;
  return and(
    eq(memberships.accountId, accountId),
    q ? sql`${memberships.searchText} like ${containsPattern(q)}` : undefined,
    status ? eq(memberships.status, status) : showDisabled ? undefined : ne(memberships.status, "disabled"),
    customRoleId
      ? isUuid(customRoleId)
        ? eq(memberships.customRoleId, customRoleId)
        : sql`false`
      : role && ROLES.includes(role) && role !== "custom"
        ? eq(memberships.role, role as MembershipRole)
        : undefined,
    project
      ? sql`exists (select 1 from ${projectMembers} join ${projects} on ${projects.id} = ${projectMembers.projectId}
          where ${projectMembers.membershipId} = ${memberships.id} and ${projects.accountId} = ${accountId}
          and ${projects.key} = ${project})`
      : undefined,
  )!;
}

type ListOptions = {
  q?: string;
  sort?: MemberSort;
  cursor?: PageCursor;
  filters?: MemberFilters;
  limit?: number;
  /** For a search: whether so many members match that walking the sort's index finds a page fastest. */
  broad?: boolean;
};

/** How many people the search and filters match: `exact` false past COUNT_CAP (counted no further). */
export type MemberTotal = { count: number; exact: boolean };

/**
 * The query behind one page of the member list (exported so that the benchmark can run the
 * very same SQL on its own, for comparison).
 */
export function membersPageQuery(
  db: Db,
  accountId: string,
  {
    q = "",
    sort = "name",
    cursor = null,
    filters = {},
    limit = MEMBERS_PAGE_SIZE,
    broad = false,
  }: ListOptions,
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
      displayName: users.displayName,
      email: memberships.memberEmail,
      username: memberships.memberUsername,
      company: memberships.memberCompany,
      role: memberships.role,
      customRoleName: customRoles.name,
      status: sql<MemberStatus>`${memberships.status}`,
      joinedAt: memberships.createdAt,
      lastActiveAt:
        sql<Date | null>`case when isfinite(${memberships.memberLastActiveAt}) then ${memberships.memberLastActiveAt} end`.mapWith(
          (v: string | Date | null) => (v === null ? null : new Date(v)),
        ),
      approvedAt: memberships.approvedAt,
      approvedByName: approvedByUser.name,
      addedByName: addedByUser.name,
      projects: memberProjectGrants(),
      joinedKey: sql<string>`${memberships.createdAt}::text`,
      lastActiveKey: sql<string>`${memberships.memberLastActiveAt}::text`,
      // The total of the search and filters, in the same statement: a subquery that does not
      // depend on the row, which PostgreSQL runs once (an InitPlan), not once per row.
      matching: matchingCount(accountId, search, filters),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(customRoles, eq(customRoles.id, memberships.customRoleId))
    .leftJoin(approvedByUser, eq(approvedByUser.id, memberships.approvedByUserId))
    .leftJoin(addedByUser, eq(addedByUser.id, memberships.addedByUserId))
    .where(and(matching(accountId, search, filters), key ? keysetCondition(sort, key, !backward) : undefined))
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
 * One page of an account's members, optionally only those whose name, email, user name or
 * company contains `q` and who pass the filters, in the chosen order. Never reads more than a
 * page (plus one row to know if more follow).
 */
export async function listMembers(db: Db, accountId: string, options: ListOptions) {
  const limit = options.limit ?? MEMBERS_PAGE_SIZE;
  const { keyOf } = SORTS[options.sort ?? "name"];
  const q = options.q?.trim() ?? "";
  // Asked here unless the caller read it already, in a statement of its own (searchIsBroadSql).
  const broad = options.broad ?? (q ? await searchIsBroad(db, accountId, q) : false);
  const { query, backward, fromCursor } = membersPageQuery(db, accountId, { ...options, broad });
  const rows: (MemberRow & { matching: number })[] = await query;
  // No row, no count in it: without a cursor the search and filters match nobody; past the
  // end of a cursor (rare: the rows it pointed at are gone) the total is counted on its own.
  const total =
    rows[0] !== undefined
      ? totalOf(rows[0].matching, q, options.filters ?? {})
      : fromCursor
        ? await countMatchingMembers(db, accountId, q, options.filters ?? {})
        : { count: 0, exact: true };
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (backward) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  return {
    members: page.map(
      ({ joinedKey: _joinedKey, lastActiveKey: _lastActiveKey, matching: _matching, ...row }) => ({
        ...row,
        roleLabel: roleLabel(row.role, row.customRoleName),
      }),
    ),
    total,
    // Forwards, a previous page exists if we came from one; backwards, if more rows were found.
    previous: first && (backward ? more : fromCursor) ? encodeCursor(keyOf(first)) : null,
    next: last && (backward ? fromCursor : more) ? encodeCursor(keyOf(last)) : null,
  };
}

/** Whether the table shows every member but the disabled (or every member): counted without a scan. */
const unfiltered = (q: string, filters: MemberFilters) =>
  !q && !filters.role && !filters.status && !filters.project;

/**
 * The number of people the table's search and filters match, as one SQL expression. The
 * unfiltered view reads the account row's count and subtracts the disabled, counted on the
 * status index; any other view counts matches, no further than COUNT_CAP + 1.
 */
function matchingCount(accountId: string, q: string, filters: MemberFilters): SQL<number> {
  if (unfiltered(q, filters)) {
    const all = sql`(select ${accounts.memberCount} from ${accounts} where ${accounts.id} = ${accountId})`;
    if (filters.showDisabled) return sql<number>`${all}`.mapWith(Number);
    return sql<number>`(${all} - ${countSql(matching(accountId, "", { status: "disabled" }))})`.mapWith(
      Number,
    );
  }
  return countSql(matching(accountId, q, filters), sql`${COUNT_CAP + 1}`);
}

const totalOf = (n: number, q: string, filters: MemberFilters): MemberTotal =>
  unfiltered(q, filters) || n <= COUNT_CAP ? { count: n, exact: true } : { count: COUNT_CAP, exact: false };

/**
 * How many people the table's search and filters match: `exact` false when there are more
 * than COUNT_CAP (counted no further). listMembers returns it with the page; this counts alone.
 */
export async function countMatchingMembers(
  db: Db,
  accountId: string,
  q: string,
  filters: MemberFilters,
): Promise<MemberTotal> {
  const search = q.trim();
  const [row] = await db
    .select({ n: matchingCount(accountId, search, filters) })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return totalOf(row?.n ?? 0, search, filters);
}

/** `(select count(*) from (select 1 from memberships where … limit …))`: a scalar subquery. */
function countSql(where: SQL, cap?: SQL): SQL<number> {
  return sql<number>`(select count(*) from (select 1 from ${memberships} where ${where}${
    cap ? sql` limit ${cap}` : sql``
  }) as probe)`.mapWith(Number);
}

/**
 * Whether a search matches at least a fifth of an account's members (and at least 1,000),
 * counted no further than that from the search index, in one statement (the threshold is read
 * from the account row's count inside it). Under three characters the trigram index cannot
 * help count, and such short searches mostly match widely: broad.
 */
export async function searchIsBroad(db: Db, accountId: string, q: string): Promise<boolean> {
  const broad = searchIsBroadSql(accountId, q);
  if (typeof broad === "boolean") return broad;
  const [row] = await db.select({ broad }).from(accounts).where(eq(accounts.id, accountId));
  return row?.broad === true;
}

/**
 * searchIsBroad as one SQL expression, for a page to read in a statement it runs anyway; or
 * the answer itself when no query is needed (under three characters).
 */
export function searchIsBroadSql(accountId: string, q: string): SQL<boolean> | boolean {
  if (q.length < 3) return true;
  const threshold = sql`(select greatest(1000, ceil(${accounts.memberCount} / 5.0))::int from ${accounts} where ${accounts.id} = ${accountId})`;
  const matches = countSql(
    and(eq(memberships.accountId, accountId), sql`${memberships.searchText} like ${containsPattern(q)}`)!,
    threshold,
  );
  return sql<boolean>`(${matches} >= ${threshold})`;
}

/** How many members an account has (kept on the account row by triggers: no counting). */
export async function countMembers(db: Db, accountId: string): Promise<number> {
  const [row] = await db.select({ n: accounts.memberCount }).from(accounts).where(eq(accounts.id, accountId));
  return row?.n ?? 0;
}
