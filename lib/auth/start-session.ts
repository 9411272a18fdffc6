import { AuthError, CredentialsSignin } from "next-auth";
import { getDb } from "@/db/client";
import { isRedirect } from "@/lib/actions/action";
import { AppError } from "@/lib/errors";
import { auth, RateLimitedSignIn, signIn } from "./auth";
import { revokeSession } from "./sessions";
import { SIGN_IN_FAILED } from "./sign-in";

/**
 * Signs in through Auth.js from a server action, which sets the session cookie. With
 * `redirectTo`, success arrives as a thrown redirect (let it through); without, the action
 * goes on signed in. Refused credentials become the usual AppError. The session this browser
 * had before (if any) ends once the new one is open: signing in replaces it.
 */
export async function startSession(email: string, password: string, redirectTo?: string) {
  const previousToken = (await auth())?.sessionToken;
  const endPrevious = async () => {
    if (previousToken) await revokeSession(await getDb(), previousToken);
  };
  try {
    if (redirectTo) await signIn("credentials", { email, password, redirectTo });
    else await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (isRedirect(error)) {
      await endPrevious();
      throw error;
    }
    if (error instanceof RateLimitedSignIn) throw new AppError("rate_limited", error.reason);
    if (error instanceof CredentialsSignin && error.code === "rate_limited") {
      throw new AppError("rate_limited", "Too many sign-in attempts. Try again later.");
    }
    if (error instanceof AuthError) throw new AppError("invalid", SIGN_IN_FAILED);
    throw error;
  }
  await endPrevious();
}
