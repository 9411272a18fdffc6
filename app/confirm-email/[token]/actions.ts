"use server";

import { redirect } from "next/navigation";
import { publicAction } from "@/lib/actions/action";
import { confirmEmailChange } from "@/lib/users/email-change";
import { confirmEmailChangeSchema } from "@/lib/users/schemas";

/** Follows the link sent to the new address (it proves the address): the sign-in email changes. */
export const confirmEmailChangeAction = publicAction(
  confirmEmailChangeSchema,
  async ({ token }, { db, session, meta }) => {
    await confirmEmailChange(
      db,
      token,
      session ? { userId: session.user.id, sessionId: session.sessionId } : null,
      meta,
    );
    redirect(session ? "/profile" : "/sign-in");
  },
);
