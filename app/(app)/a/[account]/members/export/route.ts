import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { auth } from "@/lib/auth/auth";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { membersExportResponse } from "@/lib/members/export-download";

// Every person of the account as CSV, for those who may manage members. The work (and the
// authorization) is in lib/members/export-download.ts, where tests call it as any caller.
export async function GET(request: NextRequest, { params }: RouteContext<"/a/[account]/members/export">) {
  const [session, { account }] = await Promise.all([auth(), params]);
  return membersExportResponse(await getDb(), {
    sessionToken: session?.sessionToken ?? null,
    meta: requestMetaFrom(request.headers),
    shortName: account,
  });
}
