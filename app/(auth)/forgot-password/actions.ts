"use server";

import { publicAction } from "@/lib/actions/action";
import { requestPasswordReset } from "@/lib/users/password-reset";
import { forgotPasswordSchema } from "@/lib/users/schemas";

/** Emails a reset link if the address has a user; answers the same either way. */
export const requestPasswordResetAction = publicAction(
  forgotPasswordSchema,
  async ({ email }, { db, meta }) => {
    await requestPasswordReset(db, email, meta);
    return { email };
  },
);
