// The account a browser opened last, so that `/` goes back to it. Kept in a cookie rather
// than written to the user's row: opening a page is a GET, and a GET writes nothing to the
// database. Two writers, one per way a page is opened: the proxy sets it when a document is
// loaded (with or without JavaScript), and components/remember-account.tsx when a client-side
// navigation opens an account, since that may be served from a prefetched payload and never
// reach the proxy. `/` checks the name against the user's memberships
// (lib/accounts/queries.ts), so the cookie grants nothing; it holds nothing secret either,
// which is why the browser may write it.
//
// Not "server-only": proxy.ts and a client component import it.

export const LAST_ACCOUNT_COOKIE = "roster-last-account";

const ACCOUNT_PAGE = /^\/a\/([a-z0-9-]{1,64})(?:\/|$)/;

/**
 * The short name of the account a request opens, if it is a page view: a GET that is not a
 * prefetch (a link merely shown is not an account opened).
 */
export function accountOpenedBy(request: {
  method: string;
  pathname: string;
  headers: Headers;
}): string | null {
  if (request.method !== "GET") return null;
  if (
    request.headers.has("next-router-prefetch") ||
    request.headers.get("sec-purpose")?.includes("prefetch")
  ) {
    return null;
  }
  return ACCOUNT_PAGE.exec(request.pathname)?.[1] ?? null;
}

const MAX_AGE = 365 * 24 * 60 * 60;

/** The cookie's attributes, for the proxy (`response.cookies.set`). */
export const lastAccountCookieOptions = (secure: boolean) => ({
  path: "/",
  maxAge: MAX_AGE,
  sameSite: "lax" as const,
  secure,
});

/** The same cookie as a `document.cookie` assignment, for the browser. */
export function lastAccountCookie(shortName: string, secure: boolean): string {
  const attributes = ["path=/", `max-age=${MAX_AGE}`, "samesite=lax", ...(secure ? ["secure"] : [])];
  return [`${LAST_ACCOUNT_COOKIE}=${encodeURIComponent(shortName)}`, ...attributes].join("; ");
}
