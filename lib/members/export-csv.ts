import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { customRoles, memberships, users } from "@/db/schema";
import { csvRow } from "@/lib/csv/csv";
import { roleLabel } from "@/lib/permissions/roles";
import { PROJECT_ROLES } from "@/lib/projects/project-roles";
import {
  addedByUser,
  approvedByUser,
  MEMBER_STATUS_LABELS,
  memberProjectGrants,
  type MemberProjectGrant,
  type MemberStatus,
} from "./queries";

/** Rows per statement: big enough that round trips don't dominate, small enough to hold in memory. */
export const EXPORT_BATCH_SIZE = 1000;

export const EXPORT_COLUMNS = [
  "Name",
  "User name",
  "Display name",
  "Email",
  "Company",
  "Role",
  "Status",
  "Approved by",
  "Approved at",
  "Added by",
  "Projects",
  "Joined",
  "Last active",
] as const;

/**
 * ISO 8601 in UTC, formatted by PostgreSQL: the value never becomes a JavaScript Date, so the
 * never-active '-infinity' cannot turn into an Invalid Date (it is an empty cell), and both
 * drivers give the same text.
 */
const isoUtc = (column: AnyPgColumn) =>
  sql<
    string | null
  >`case when isfinite(${column}) then to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') end`;

/** Where the last batch ended, in the order of memberships_account_name_idx. */
type Position = { name: string; id: string };

/**
 * One batch of an account's people after `after`, in one statement: the walk follows
 * memberships_account_name_idx (account_id, member_name, id) by keyset — never OFFSET, so the
 * last batch costs what the first does — and the project grants are gathered only for the
 * batch's own rows (the subquery runs per row returned, on project_members' membership index).
 * Exported so that the benchmark can time the very same SQL on its own.
 */
export function membersExportBatchQuery(db: Db, accountId: string, after: Position | null, limit: number) {
  const afterPosition: SQL | undefined = after
    ? sql`(${memberships.memberName}, ${memberships.id}) > (${after.name}, ${after.id}::uuid)`
    : undefined;
  return db
    .select({
      id: memberships.id,
      name: memberships.memberName,
      username: memberships.memberUsername,
      displayName: users.displayName,
      email: memberships.memberEmail,
      company: memberships.memberCompany,
      role: memberships.role,
      customRoleName: customRoles.name,
      status: sql<MemberStatus>`${memberships.status}`,
      approvedBy: approvedByUser.name,
      approvedAt: isoUtc(memberships.approvedAt),
      addedBy: addedByUser.name,
      grants: memberProjectGrants(),
      joinedAt: isoUtc(memberships.createdAt),
      lastActiveAt: isoUtc(memberships.memberLastActiveAt),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(customRoles, eq(customRoles.id, memberships.customRoleId))
    .leftJoin(approvedByUser, eq(approvedByUser.id, memberships.approvedByUserId))
    .leftJoin(addedByUser, eq(addedByUser.id, memberships.addedByUserId))
    .where(and(eq(memberships.accountId, accountId), afterPosition))
    .orderBy(asc(memberships.memberName), asc(memberships.id))
    .limit(limit);
}

type ExportRow = Awaited<ReturnType<typeof membersExportBatchQuery>>[number];

/** "WEB (Editor); OPS (Viewer)". */
const grantsCell = (grants: MemberProjectGrant[]) =>
  grants.map((g) => `${g.key} (${PROJECT_ROLES[g.role].label})`).join("; ");

function exportCells(row: ExportRow): string[] {
  return [
    row.name,
    row.username,
    row.displayName ?? "",
    row.email,
    row.company,
    roleLabel(row.role, row.customRoleName),
    MEMBER_STATUS_LABELS[row.status],
    row.approvedBy ?? "",
    row.approvedAt ?? "",
    row.addedBy ?? "",
    grantsCell(row.grants),
    row.joinedAt ?? "",
    row.lastActiveAt ?? "",
  ];
}

/**
 * Every person of an account as CSV text, whatever the people table's search or filters: the
 * header row, then one piece per batch. The next batch is asked for as soon as the last one's
 * position is known, so the database reads it while this one is formatted and sent — and no
 * further: at most two batches are in memory, however large the account and however slow the
 * client. Batches are separate statements (no driver cursor: PGlite has none, and a
 * transaction held open for a slow download would stall the embedded database), so someone
 * renamed mid-export can appear twice or not at all.
 */
export async function* membersCsv(
  db: Db,
  accountId: string,
  { batchSize = EXPORT_BATCH_SIZE }: { batchSize?: number } = {},
): AsyncGenerator<string, void, undefined> {
  yield csvRow(EXPORT_COLUMNS);
  // A drizzle query runs when awaited: `.then()` sends it now, ahead of the await.
  const batchAfter = (after: Position | null) =>
    membersExportBatchQuery(db, accountId, after, batchSize).then();
  let pending: Promise<ExportRow[]> | null = batchAfter(null);
  try {
    while (pending) {
      const rows: ExportRow[] = await pending;
      const last = rows[rows.length - 1];
      // A short batch is the last one.
      pending = last && rows.length === batchSize ? batchAfter({ name: last.name, id: last.id }) : null;
      if (rows.length > 0) yield rows.map((row) => csvRow(exportCells(row))).join("");
    }
  } finally {
    // The client went away with a batch in flight: let it finish unobserved.
    pending?.catch(() => {});
  }
}
