"use server";

import { z } from "zod";
import { publicAction } from "@/lib/actions/action";
import { recordAuditEvent } from "@/lib/audit/record";
import { signOut } from "@/lib/auth/auth";
import { revokeSession } from "@/lib/auth/sessions";

/** Ends this session on the server (the cookie, replayed, stops working) and clears the cookie. */
export const signOutAction = publicAction(z.object({}), async (_input, { db, meta, session }) => {
  if (session) {
    await revokeSession(db, session.token);
    await recordAuditEvent(db, { action: "user.signed_out", actor: session.user, meta });
  }
  await signOut({ redirectTo: "/sign-in" });
  return null;
});
