import { NextResponse, type NextRequest } from "next/server";

// The proxy only redirects: a visitor with no session cookie is sent to sign in before a
// signed-in page renders. It is never the authorization check — every page and action checks
// the session against the database itself (lib/auth/current.ts, lib/actions/action.ts).

// Not /admin: the platform console answers 404 to everyone but operators, signed out included.
const SIGNED_IN_AREAS = /^\/(a|accounts|profile)(\/|$)/;
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const path = `${pathname}${search}`;
  const hasSessionCookie = request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name));
  if (SIGNED_IN_AREAS.test(pathname) && !hasSessionCookie) {
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("callbackUrl", path);
    return NextResponse.redirect(signIn);
  }
  // Pages read this to send a visitor whose session has ended back here after signing in.
  const headers = new Headers(request.headers);
  headers.set("x-roster-path", path);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
