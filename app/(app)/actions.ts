"use server";

import { z } from "zod";
import { publicAction, userAction } from "@/lib/actions/action";
import { recordAuditEvent } from "@/lib/audit/record";
import { signOut } from "@/lib/auth/auth";
import { revokeSession } from "@/lib/auth/sessions";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { resendVerificationEmail } from "@/lib/users/email-verification";
import { signOutSchema } from "@/lib/users/schemas";

/**
 * Ends this session on the server (the cookie, replayed, stops working) and clears the
 * cookie, then goes to sign-in, or to `redirectTo` (an invitation page, to switch user).
 */
export const signOutAction = publicAction(signOutSchema, async ({ redirectTo }, { db, meta, session }) => {
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
