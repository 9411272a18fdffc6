"use server";

import { publicAction } from "@/lib/actions/action";
import { startSession } from "@/lib/auth/start-session";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { signInSchema } from "@/lib/users/schemas";

/** Signs in with email and password, then returns to the page that asked for it. */
export const signInAction = publicAction(signInSchema, async (input) => {
  await startSession(input.email, input.password, safeRedirectPath(input.callbackUrl));
  return null;
});
