"use server";

import { publicAction } from "@/lib/actions/action";
import { finishTwoFactorSession } from "@/lib/auth/start-session";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { signInCodeSchema } from "@/lib/two-factor/schemas";

/** The second step of signing in: a code from the authenticator app, or a recovery code. */
export const signInWithCodeAction = publicAction(signInCodeSchema, async (input) => {
  await finishTwoFactorSession(input.code, safeRedirectPath(input.callbackUrl));
  return null;
});
