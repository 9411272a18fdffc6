import { AuthError, CredentialsSignin } from "next-auth";
import { AppError } from "@/lib/errors";
import { signIn } from "./auth";
import { SIGN_IN_FAILED, SIGN_IN_RATE_LIMITED } from "./sign-in";

/**
 * Signs in through Auth.js from a server action, which sets the session cookie. With
 * `redirectTo`, success arrives as a thrown redirect (let it through); without, the action
 * goes on signed in. Refused credentials become the usual AppError.
 */
export async function startSession(email: string, password: string, redirectTo?: string) {
  try {
    if (redirectTo) await signIn("credentials", { email, password, redirectTo });
    else await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "rate_limited") {
      throw new AppError("rate_limited", SIGN_IN_RATE_LIMITED);
    }
    if (error instanceof AuthError) throw new AppError("invalid", SIGN_IN_FAILED);
    throw error;
  }
}
