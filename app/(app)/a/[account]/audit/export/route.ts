import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { auditExportResponse } from "@/lib/audit/export-download";
import { auth } from "@/lib/auth/auth";
import { requestMetaFrom } from "@/lib/http/request-meta";

// The audit log as CSV, filtered as the page is, for those who read it. The work (and the
// authorization) is in lib/audit/export-download.ts, where tests call it as any caller.
export async function GET(request: NextRequest, { params }: RouteContext<"/a/[account]/audit/export">) {
  const [session, { account }] = await Promise.all([auth(), params]);
  return auditExportResponse(await getDb(), {
    sessionToken: session?.sessionToken ?? null,
    meta: requestMetaFrom(request.headers),
    shortName: account,
    query: Object.fromEntries(request.nextUrl.searchParams),
  });
}
