import "server-only";
import type { Db } from "@/db/client";
import { recordAuditEvent } from "@/lib/audit/record";
import { authorizeMemberRoute } from "@/lib/auth/member-route";
import { csvDownloadHeaders, csvDownloadStream } from "@/lib/csv/download";
import type { RequestMeta } from "@/lib/http/request-meta";
import { membersCsv } from "./export-csv";

/** Where an account's people are downloaded from (route: app/(app)/a/[account]/members/export). */
export const membersExportPath = (shortName: string) => `/a/${encodeURIComponent(shortName)}/members/export`;

/** "acme-people-2026-12-02.csv": the account, and the day (UTC) the list was taken. */
export const membersExportFilename = (shortName: string, now: Date) =>
  `${shortName}-people-${now.toISOString().slice(0, 10)}.csv`;

/**
 * The answer to a request for an account's people as CSV: for those who may manage members,
 * a download that starts at once and streams the rows as the client takes them; for anyone
 * else, the refusal pages would give (lib/auth/member-route.ts). The export is audited when
 * it starts — how many rows it held is not known until the client has read them all, and a
 * download cut short has still shown what it showed.
 */
export async function membersExportResponse(
  db: Db,
  request: { sessionToken: string | null; meta: RequestMeta; shortName: string; now?: Date },
): Promise<Response> {
  const access = await authorizeMemberRoute(db, {
    sessionToken: request.sessionToken,
    shortName: request.shortName,
    permission: "members.manage",
    path: membersExportPath(request.shortName),
  });
  if (!access.ok) return access.response;
  const { account, user } = access.member;
  await recordAuditEvent(db, {
    action: "members.exported",
    accountId: account.id,
    actor: user,
    target: { type: "account", id: account.id },
    data: {},
    meta: request.meta,
  });
  return new Response(csvDownloadStream(membersCsv(db, account.id)), {
    headers: csvDownloadHeaders(membersExportFilename(account.shortName, request.now ?? new Date())),
  });
}
