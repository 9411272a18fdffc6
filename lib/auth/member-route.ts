import "server-only";
import type { Db } from "@/db/client";
import { loadMemberContext, type MemberContext } from "@/lib/accounts/member-context";
import { shortNameSchema } from "@/lib/accounts/schemas";
import { can } from "@/lib/permissions/can";
import type { Permission } from "@/lib/permissions/permissions";
import { awaitingApprovalUrl, disabledAccessUrl, signInUrl, twoFactorEnrolmentUrl } from "./current";
import { findActiveSession, sessionReachesAccount } from "./sessions";

export type MemberRouteAccess = { ok: true; member: MemberContext } | { ok: false; response: Response };

const refuse = (response: Response): MemberRouteAccess => ({ ok: false, response });

// Refusals are not cached either: the answer changes as soon as the session or membership does.
const redirectTo = (location: string) =>
  refuse(new Response(null, { status: 307, headers: { Location: location, "Cache-Control": "no-store" } }));

/** The same answer as for an account that does not exist (DESIGN: 404, never 403). */
export const notFoundResponse = () =>
  new Response("Not found.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

/**
 * For route handlers of an account (downloads), the checks `requireMember` makes for pages,
 * answered as responses rather than thrown, so that tests can call it with a session token
 * and every refusal is a clear status, never a 500: the signed out are sent to sign in and
 * back to `path`; outsiders (and names no account could have) get 404; a disabled member, one awaiting approval, and an
 * administrator who must first set up two-factor are redirected where pages send them; a
 * member without `permission` gets 404, as pages answer (roles, a member's page), so that
 * what exists behind a permission does not show either.
 */
export async function authorizeMemberRoute(
  db: Db,
  request: { sessionToken: string | null; shortName: string; permission: Permission; path: string },
): Promise<MemberRouteAccess> {
  const session = request.sessionToken ? await findActiveSession(db, request.sessionToken) : null;
  if (!session) return redirectTo(signInUrl(request.path));
  // What could not be a short name cannot be an account, and stays out of the database (a NUL
  // byte from the URL would fail the query there: a 500).
  if (!shortNameSchema.safeParse(request.shortName).success) return refuse(notFoundResponse());
  const member = await loadMemberContext(db, session.user, request.shortName);
  if (!member || !sessionReachesAccount(session, member.account.id)) return refuse(notFoundResponse());
  // Downloads (people's data leaving the app) are the administrator's own to make, never as someone else.
  if (session.impersonation) {
    return refuse(
      new Response("Not while acting as someone else.", {
        status: 403,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      }),
    );
  }
  if (member.disabled) return redirectTo(disabledAccessUrl(member.account.shortName));
  if (member.awaitingApproval) return redirectTo(awaitingApprovalUrl(member.account.shortName));
  if (member.mustEnrolTwoFactor) return redirectTo(twoFactorEnrolmentUrl(member.account.shortName));
  if (!can(member, request.permission)) return refuse(notFoundResponse());
  return { ok: true, member };
}
