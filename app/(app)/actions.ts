"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { Db } from "@/db/client";
import { publicAction, userAction } from "@/lib/actions/action";
import { recordAuditEvent } from "@/lib/audit/record";
import { signOut } from "@/lib/auth/auth";
import type { CurrentSession } from "@/lib/auth/current";
import { continueInSession } from "@/lib/auth/start-session";
import { revokeSession } from "@/lib/auth/sessions";
import type { RequestMeta } from "@/lib/http/request-meta";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { stopImpersonation } from "@/lib/members/impersonation";
import { resendVerificationEmail } from "@/lib/users/email-verification";
import { signOutSchema } from "@/lib/users/schemas";

/**
 * Ends this session on the server (the cookie, replayed, stops working) and clears the
 * cookie, then goes to sign-in, or to `redirectTo` (an invitation page, to switch user).
 */
export const signOutAction = publicAction(signOutSchema, async ({ redirectTo }, { db, meta, session }) => {
  // Signing out while acting as someone stops acting: the administrator's own session goes on.
  if (session?.impersonation) return returnFromImpersonation(db, session, meta);
  if (session) {
    await revokeSession(db, session.token);
    await recordAuditEvent(db, { action: "user.signed_out", actor: session.user, meta });
  }
  await signOut({ redirectTo: safeRedirectPath(redirectTo, "/sign-in") });
  return null;
});

/** Sends a new link to confirm the signed-in user's email (a few an hour). */
export const resendVerificationEmailAction = userAction(z.object({}), async (_input, { db, user }) => {
  await resendVerificationEmail(db, user);
  return null;
});

/** Stops acting as someone ("log in as"): back to the administrator's own session, on this page. */
export const stopImpersonationAction = publicAction(z.object({}), async (_input, { db, meta, session }) => {
  if (!session?.impersonation) redirect("/");
  return returnFromImpersonation(db, session, meta);
});

async function returnFromImpersonation(db: Db, session: CurrentSession, meta: RequestMeta) {
  const resumed = await stopImpersonation(db, session, meta);
  // Their own session ended meanwhile (signed out everywhere, say): they sign in again.
  if (!resumed) await signOut({ redirectTo: "/sign-in" });
  else await continueInSession(resumed.token, (await headers()).get("x-roster-path") ?? "/");
  return null;
}
