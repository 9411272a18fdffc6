"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { publicAction } from "@/lib/actions/action";
import { signIn } from "@/lib/auth/auth";
import { SIGN_IN_FAILED, SIGN_IN_RATE_LIMITED } from "@/lib/auth/sign-in";
import { AppError } from "@/lib/errors";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { signInSchema } from "@/lib/users/schemas";

/** Signs in with email and password, then returns to the page that asked for it. */
export const signInAction = publicAction(signInSchema, async (input) => {
  try {
    await signIn("credentials", {
      email: input.email,
      password: input.password,
      redirectTo: safeRedirectPath(input.callbackUrl),
    });
  } catch (error) {
    // Success arrives as a thrown redirect, which is not an AuthError and passes through.
    if (error instanceof CredentialsSignin && error.code === "rate_limited") {
      throw new AppError("rate_limited", SIGN_IN_RATE_LIMITED);
    }
    if (error instanceof AuthError) throw new AppError("invalid", SIGN_IN_FAILED);
    throw error;
  }
  return null;
});
