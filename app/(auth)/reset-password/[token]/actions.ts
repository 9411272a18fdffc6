"use server";

import { publicAction } from "@/lib/actions/action";
import { startSession } from "@/lib/auth/start-session";
import { resetPassword } from "@/lib/users/password-reset";
import { resetPasswordSchema } from "@/lib/users/schemas";

/** Sets the new password (every session of the user ends), then signs in afresh. */
export const resetPasswordAction = publicAction(
  resetPasswordSchema,
  async ({ token, password }, { db, meta }) => {
    const { email } = await resetPassword(db, token, password, meta);
    await startSession(email, password, "/");
    return null;
  },
);
