import { NextResponse, type NextRequest } from "next/server";

// How a browser on another machine presents ROSTER_DEV_MAILBOX_TOKEN to the local mailbox:
// it opens /dev/mailbox?token=… once; the proxy moves the token into a cookie and sends the
// browser on to the same page without it, so the token stays out of the history, the
// mailbox's links and the server's access log from then on. Whether the token is right is
// for lib/email/mailbox-access.ts to judge, on every request.

export const MAILBOX_TOKEN_PARAM = "token";
export const MAILBOX_TOKEN_COOKIE = "roster-mailbox-token";
const MAILBOX_PATH = "/dev/mailbox";

/** For the proxy: the redirect that turns `?token=` into the cookie, or null for any other request. */
export function mailboxTokenHandoff(request: NextRequest): NextResponse | null {
  const { pathname, searchParams, protocol } = request.nextUrl;
  const token = searchParams.get(MAILBOX_TOKEN_PARAM);
  if (token === null || !(pathname === MAILBOX_PATH || pathname.startsWith(`${MAILBOX_PATH}/`))) return null;
  const onwards = request.nextUrl.clone();
  onwards.searchParams.delete(MAILBOX_TOKEN_PARAM);
  const response = NextResponse.redirect(onwards, 303);
  response.cookies.set(MAILBOX_TOKEN_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure: protocol === "https:",
    path: MAILBOX_PATH,
  });
  return response;
}
