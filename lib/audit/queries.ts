import "server-only";
import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, memberships, users } from "@/db/schema";
import type { AuditAction } from "./record";

/** Events per page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

/**
 * What the log is narrowed to. `person` is a user id, matched as the actor or as the person the
 * event is about; `from` and `to` are UTC days (YYYY-MM-DD), both included.
 */
export type AuditFilters = {
  person?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
};

/**
 * A position in the log: the event's created_at as PostgreSQL's own text (microseconds, which a
 * JavaScript Date would round away, so that equal-looking times never skip or repeat an event)
 * and its id, as `2026-12-03T10:11:12.123456Z~42`.
 */
export type AuditPosition = string;
export type AuditCursor = { after: AuditPosition } | { before: AuditPosition } | null;

const POSITION = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)~(\d{1,18})$/;

export function isAuditPosition(value: string): boolean {
  return POSITION.test(value);
}

function parsePosition(position: AuditPosition): { at: string; id: string } {
  const match = POSITION.exec(position);
  if (!match) throw new Error("not an audit log position");
  return { at: match[1]!, id: match[2]! };
}

const positionOf = sql<string>`to_char(${auditEvents.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '~' || ${auditEvents.id}`;

export type AuditEventRow = {
  id: number;
  position: AuditPosition;
  createdAt: Date;
  action: string;
  actorUserId: string | null;
  actorEmail: string | null;
  impersonatorEmail: string | null;
  targetType: string | null;
  targetId: string | null;
  targetUserId: string | null;
  /** The email of the person the event is about, as their user has it now (none once gone). */
  targetEmail: string | null;
  data: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
};

export type AuditPage = {
  events: AuditEventRow[];
  /** Where the newer page starts (none on the first page). */
  newer: AuditPosition | null;
  /** Where the older page starts (none on the last). */
  older: AuditPosition | null;
};

const targetUser = sql`target_user`;

/** One index-friendly walk: `personColumn` (when given) pins the person to one of the two indexes. */
function walk(
  db: Db,
  accountId: string,
  filters: AuditFilters,
  personCondition: SQL | undefined,
  cursor: AuditCursor,
  limit: number,
) {
  const newerFirst = !(cursor && "before" in cursor);
  const at = cursor ? parsePosition("after" in cursor ? cursor.after : cursor.before) : null;
  const keyset = at
    ? newerFirst
      ? sql`(${auditEvents.createdAt}, ${auditEvents.id}) < (${at.at}::timestamptz, ${at.id}::bigint)`
      : sql`(${auditEvents.createdAt}, ${auditEvents.id}) > (${at.at}::timestamptz, ${at.id}::bigint)`
    : undefined;
  const order = newerFirst
    ? [desc(auditEvents.createdAt), desc(auditEvents.id)]
    : [asc(auditEvents.createdAt), asc(auditEvents.id)];
  return db
    .select({
      id: auditEvents.id,
      position: positionOf,
      createdAt: auditEvents.createdAt,
      action: auditEvents.action,
      actorUserId: auditEvents.actorUserId,
      actorEmail: auditEvents.actorEmail,
      impersonatorEmail: auditEvents.impersonatorEmail,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      targetUserId: auditEvents.targetUserId,
      targetEmail: sql<string | null>`${targetUser}.email`,
      data: auditEvents.data,
      ip: auditEvents.ip,
      userAgent: auditEvents.userAgent,
    })
    .from(auditEvents)
    .leftJoin(sql`${users} as ${targetUser}`, sql`${targetUser}.id = ${auditEvents.targetUserId}`)
    .where(
      and(
        eq(auditEvents.accountId, accountId),
        personCondition,
        filters.action ? eq(auditEvents.action, filters.action) : undefined,
        filters.from
          ? gte(auditEvents.createdAt, sql`${filters.from}::date::timestamp at time zone 'UTC'`)
          : undefined,
        filters.to
          ? lt(auditEvents.createdAt, sql`(${filters.to}::date + 1)::timestamp at time zone 'UTC'`)
          : undefined,
        keyset,
      ),
    )
    .orderBy(...order)
    .limit(limit);
}

/** Newest first by the full-precision time, then the id (as numbers: "~9" is older than "~10"). */
function newestFirst(a: AuditEventRow, b: AuditEventRow) {
  const [x, y] = [parsePosition(a.position), parsePosition(b.position)];
  if (x.at !== y.at) return x.at < y.at ? 1 : -1;
  return b.id - a.id;
}

/**
 * One page of an account's audit log, newest first, after (older than) or before (newer than) a
 * position. Keyset paging on (created_at, id) over the account's indexes — never OFFSET, never a
 * count — so page 1,000 costs what page 1 does at any size. A person is looked for as the actor
 * and as the target in two walks, each on its own index, merged here: an OR would read every
 * event of the person to sort them.
 */
export async function listAuditEvents(
  db: Db,
  accountId: string,
  filters: AuditFilters,
  cursor: AuditCursor,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<AuditPage> {
  const limit = pageSize + 1;
  let rows: AuditEventRow[];
  if (filters.person) {
    const [asActor, asTarget] = await Promise.all([
      walk(db, accountId, filters, eq(auditEvents.actorUserId, filters.person), cursor, limit),
      walk(db, accountId, filters, eq(auditEvents.targetUserId, filters.person), cursor, limit),
    ]);
    const byId = new Map([...asActor, ...asTarget].map((row) => [row.id, row]));
    const merged = [...byId.values()].sort(newestFirst);
    // Walking towards newer events, the page is the oldest `limit` of them.
    rows = cursor && "before" in cursor ? merged.slice(-limit).reverse() : merged.slice(0, limit);
  } else {
    rows = await walk(db, accountId, filters, undefined, cursor, limit);
  }
  const more = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (cursor && "before" in cursor) {
    page.reverse();
    return {
      events: page,
      newer: more ? (page[0]?.position ?? null) : null,
      older: page.at(-1)?.position ?? cursor.before,
    };
  }
  return {
    events: page,
    newer: cursor ? (page[0]?.position ?? cursor.after) : null,
    older: more ? (page.at(-1)?.position ?? null) : null,
  };
}

/**
 * Every event of the filtered log, newest first, in batches of keyset pages: for the CSV export,
 * which asks for the next batch only when it has sent the last one.
 */
export async function* auditEventBatches(
  db: Db,
  accountId: string,
  filters: AuditFilters,
  batchSize = 1000,
): AsyncGenerator<AuditEventRow[], void, undefined> {
  let cursor: AuditCursor = null;
  for (;;) {
    const page = await listAuditEvents(db, accountId, filters, cursor, batchSize);
    if (page.events.length > 0) yield page.events;
    if (!page.older) return;
    cursor = { after: page.older };
  }
}

/**
 * The user an email typed in the log's person filter names, among the account's members (a
 * member's email as the account has it). Nobody else is looked for: an address is not a way to
 * learn who has a user elsewhere.
 */
export async function findAccountPersonByEmail(db: Db, accountId: string, email: string) {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.accountId, accountId), eq(memberships.memberEmail, email.trim())))
    .limit(1);
  return row?.userId ?? null;
}

/** The email of a user the log is filtered to, while they are a member of the account. */
export async function personEmail(db: Db, accountId: string, userId: string) {
  const [row] = await db
    .select({ email: memberships.memberEmail })
    .from(memberships)
    .where(and(eq(memberships.accountId, accountId), eq(memberships.userId, userId)))
    .limit(1);
  return row?.email ?? null;
}
