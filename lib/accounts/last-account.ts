// The account a browser opened last, so that `/` goes back to it. Kept in a cookie the proxy
// sets as an account's page is opened, rather than written to the user's row: opening a page
// is a GET, and a GET writes nothing to the database. `/` checks the name against the user's
// memberships (lib/accounts/queries.ts), so the cookie grants nothing. The user's row keeps
// the account they last joined or created, for a browser that has no cookie yet.
//
// Not "server-only": proxy.ts imports it, and it holds nothing secret.

export const LAST_ACCOUNT_COOKIE = "roster-last-account";

const ACCOUNT_PAGE = /^\/a\/([a-z0-9-]{1,64})(?:\/|$)/;

/**
 * The short name of the account a request opens, if it is a signed-in page view: a GET that
 * is not a prefetch (a link merely shown is not an account opened).
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

export const lastAccountCookieOptions = {
  httpOnly: true,
  sameSite: "lax" as const,
  path: "/",
  secure: process.env.NODE_ENV === "production",
  maxAge: 400 * 24 * 60 * 60, // the longest a browser keeps a cookie
};
