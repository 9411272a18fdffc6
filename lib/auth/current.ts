import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { loadMemberContext, type MemberContext } from "@/lib/accounts/member-context";
import { loadProjectContext, type ProjectContext } from "@/lib/projects/project-context";
import { auth } from "./auth";
import {
  findActiveSessionWithFrame,
  sessionReachesAccount,
  type ActiveSession,
  type SessionFrame,
} from "./sessions";

export type CurrentSession = ActiveSession & { token: string };
/** A page's session: with what the frame of the page shows. */
export type PageSession = CurrentSession & { frame: SessionFrame };

/**
 * The signed-in session of this request, checked against the database (once per request):
 * a signed-out, revoked or expired session is null whatever the cookie says. It comes with
 * what the page's frame shows (the account switcher, open invitations), in the same statement.
 */
export const getCurrentSession = cache(async (): Promise<PageSession | null> => {
  const token = (await auth())?.sessionToken;
  if (!token) return null;
  const active = await findActiveSessionWithFrame(await getDb(), token);
  return active ? { ...active, token } : null;
});

/** The sign-in URL that returns to `path` afterwards. */
export function signInUrl(path: string | null): string {
  return path && path !== "/" ? `/sign-in?callbackUrl=${encodeURIComponent(path)}` : "/sign-in";
}

/** For pages: the signed-in session, or a redirect to sign in and come back here. */
export async function requireSession(): Promise<PageSession> {
  const session = await getCurrentSession();
  if (!session) redirect(signInUrl((await headers()).get("x-roster-path")));
  return session;
}

/**
 * For pages about the user themself (profile, two-factor, their accounts, invitations): an
 * administrator acting as them ("log in as") is sent back to the account they act in, since
 * the rest of the user is not theirs to see.
 */
export async function requireOwnSession(): Promise<PageSession> {
  const session = await requireSession();
  if (session.impersonation) redirect(`/a/${session.impersonation.account.shortName}`);
  return session;
}

/** Where a member goes who must set up two-factor before using an account. */
export const twoFactorEnrolmentUrl = (shortName: string) =>
  `/profile/two-factor?required=${encodeURIComponent(shortName)}`;

/** Where a member goes whose access to an account was disabled: their accounts, with a notice. */
export const disabledAccessUrl = (shortName: string) => `/accounts?disabled=${encodeURIComponent(shortName)}`;

/** Where a member goes who waits for approval: their accounts, with a notice. */
export const awaitingApprovalUrl = (shortName: string) =>
  `/accounts?awaiting=${encodeURIComponent(shortName)}`;

/**
 * For pages of an account: the caller's member context, a redirect to sign in for the signed
 * out, and a 404 for everyone else (so an account's existence does not leak). A member whose
 * access is disabled, or who waits for approval, is told so on their accounts page; an administrator the account requires
 * two-factor of is sent to set it up first.
 */
export const requireMember = cache(async (shortName: string): Promise<MemberContext> => {
  const session = await requireSession();
  const ctx = await loadMemberContext(await getDb(), session.user, shortName);
  if (!ctx || !sessionReachesAccount(session, ctx.account.id)) notFound();
  if (ctx.disabled) redirect(disabledAccessUrl(ctx.account.shortName));
  if (ctx.awaitingApproval) redirect(awaitingApprovalUrl(ctx.account.shortName));
  if (ctx.mustEnrolTwoFactor) redirect(twoFactorEnrolmentUrl(ctx.account.shortName));
  return ctx;
});

/** For pages of a project: the caller's project context, or 404 without access to it. */
export const requireProject = cache(async (shortName: string, key: string): Promise<ProjectContext> => {
  const member = await requireMember(shortName);
  const ctx = await loadProjectContext(await getDb(), member, key);
  if (!ctx) notFound();
  return ctx;
});
