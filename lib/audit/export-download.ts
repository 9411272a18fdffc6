import "server-only";
import type { Db } from "@/db/client";
import { authorizeMemberRoute } from "@/lib/auth/member-route";
import { describeDevice } from "@/lib/auth/describe-device";
import { csvRow } from "@/lib/csv/csv";
import { csvDownloadHeaders, csvDownloadStream } from "@/lib/csv/download";
import type { RequestMeta } from "@/lib/http/request-meta";
import { auditActionLabel } from "./labels";
import { auditEventBatches, type AuditEventRow, type AuditFilters } from "./queries";
import { recordAuditEvent } from "./record";
import { readAuditView, resolveAuditFilters } from "./view";

/** Where an account's audit log is downloaded from (route: app/(app)/a/[account]/audit/export). */
export const auditExportPath = (shortName: string) => `/a/${encodeURIComponent(shortName)}/audit/export`;

export const auditExportFilename = (shortName: string, now: Date) =>
  `${shortName}-audit-log-${now.toISOString().slice(0, 10)}.csv`;

export const AUDIT_EXPORT_COLUMNS = [
  "Time (UTC)",
  "Actor",
  "On behalf of",
  "Action",
  "Action code",
  "Target type",
  "Target",
  "Target person",
  "Details",
  "IP address",
  "Browser",
] as const;

function exportCells(row: AuditEventRow): string[] {
  const details = Object.keys(row.data).length > 0 ? JSON.stringify(row.data) : "";
  return [
    row.createdAt.toISOString(),
    row.actorEmail ?? "",
    // The administrator who acted as the actor ("log in as").
    row.impersonatorEmail ?? "",
    auditActionLabel(row.action),
    row.action,
    row.targetType ?? "",
    row.targetId ?? "",
    row.targetEmail ?? "",
    details,
    row.ip ?? "",
    row.userAgent ? describeDevice(row.userAgent) : "",
  ];
}

/** The filtered log as CSV text: the header, then one piece per keyset batch. */
export async function* auditCsv(
  db: Db,
  accountId: string,
  filters: AuditFilters,
  batchSize?: number,
): AsyncGenerator<string, void, undefined> {
  yield csvRow(AUDIT_EXPORT_COLUMNS);
  for await (const batch of auditEventBatches(db, accountId, filters, batchSize)) {
    yield batch.map((row) => csvRow(exportCells(row))).join("");
  }
}

/**
 * The answer to a request for an account's audit log as CSV, filtered as the page's URL is: for
 * those who read the log, a download streamed batch by batch; for anyone else, the refusal
 * pages would give (lib/auth/member-route.ts). The export itself is audited as it starts.
 */
export async function auditExportResponse(
  db: Db,
  request: {
    sessionToken: string | null;
    meta: RequestMeta;
    shortName: string;
    query: Record<string, string | string[] | undefined>;
    now?: Date;
  },
): Promise<Response> {
  const access = await authorizeMemberRoute(db, {
    sessionToken: request.sessionToken,
    shortName: request.shortName,
    permission: "audit.read",
    path: auditExportPath(request.shortName),
  });
  if (!access.ok) return access.response;
  const { account, user } = access.member;
  const { filters } = await resolveAuditFilters(db, account.id, readAuditView(request.query));
  await recordAuditEvent(db, {
    action: "audit.exported",
    accountId: account.id,
    actor: user,
    target: { type: "account", id: account.id },
    data: { filters },
    meta: request.meta,
  });
  return new Response(csvDownloadStream(auditCsv(db, account.id, filters)), {
    headers: csvDownloadHeaders(auditExportFilename(account.shortName, request.now ?? new Date())),
  });
}
