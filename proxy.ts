import { NextResponse, type NextRequest } from "next/server";
import { accountOpenedBy, LAST_ACCOUNT_COOKIE, lastAccountCookieOptions } from "@/lib/accounts/last-account";
import { mailboxTokenHandoff } from "@/lib/email/mailbox-token";
import { contentSecurityPolicy, newNonce, showsEmailHtml } from "@/lib/http/security-headers";

// The proxy only redirects and sets headers (and the cookie of the account a browser opened
// last, lib/accounts/last-account.ts): a visitor with no session cookie is sent to sign
// in before a signed-in page renders. It is never the authorization check — every page and
// action checks the session against the database itself (lib/auth/current.ts,
// lib/actions/action.ts). The headers that need no nonce come from next.config.ts.

// Not /admin: the platform console answers 404 to everyone but operators, signed out included.
const SIGNED_IN_AREAS = /^\/(a|accounts|profile)(\/|$)/;
// `__Host-` in production (lib/auth/auth.ts), `__Secure-` where Auth.js picks it over HTTPS.
const SESSION_COOKIE = /^(__Host-|__Secure-)?authjs\.session-token(\.\d+)?$/;

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const path = `${pathname}${search}`;
  const hasSessionCookie = request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name));
  // A fresh nonce per response: Next reads it from the request's policy and stamps its scripts.
  const csp = contentSecurityPolicy(newNonce(), {
    development: process.env.NODE_ENV === "development",
    inlineStyles: showsEmailHtml(pathname),
  });
  const withHeaders = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", csp);
    // What a signed-in person sees is theirs alone: no cache keeps it, shared or in the browser.
    if (hasSessionCookie) response.headers.set("Cache-Control", "no-store");
    return response;
  };

  const handoff = mailboxTokenHandoff(request);
  if (handoff) return withHeaders(handoff);
  if (SIGNED_IN_AREAS.test(pathname) && !hasSessionCookie) {
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("callbackUrl", path);
    return withHeaders(NextResponse.redirect(signIn));
  }
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  // Pages read this to send a visitor whose session has ended back here after signing in.
  headers.set("x-roster-path", path);
  const response = NextResponse.next({ request: { headers } });
  const opened = hasSessionCookie
    ? accountOpenedBy({ method: request.method, pathname, headers: request.headers })
    : null;
  if (opened && request.cookies.get(LAST_ACCOUNT_COOKIE)?.value !== opened) {
    response.cookies.set(
      LAST_ACCOUNT_COOKIE,
      opened,
      lastAccountCookieOptions(request.nextUrl.protocol === "https:"),
    );
  }
  return withHeaders(response);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
