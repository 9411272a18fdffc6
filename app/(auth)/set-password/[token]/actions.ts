"use server";

import { publicAction } from "@/lib/actions/action";
import { startSession } from "@/lib/auth/start-session";
import { setFirstPassword } from "@/lib/users/password-reset";
import { resetPasswordSchema } from "@/lib/users/schemas";

/** Sets the first password of a person an administrator added, then signs them in. */
export const setFirstPasswordAction = publicAction(
  resetPasswordSchema,
  async ({ token, password }, { db, meta }) => {
    const { email } = await setFirstPassword(db, token, password, meta);
    await startSession(email, password, "/");
    return null;
  },
);
