import "server-only";
import { AuthError, CredentialsSignin } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { isRedirect } from "@/lib/actions/action";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { auth, RateLimitedSignIn, signIn, TwoFactorRequired, WrongSecondFactor } from "./auth";
import { revokeSession } from "./sessions";
import { SIGN_IN_FAILED } from "./sign-in";
import { CHALLENGE_ENDED } from "./two-factor-sign-in";

/** Carries the two-factor challenge from the password step to the code step, never in a URL. */
const CHALLENGE_COOKIE = "roster-sign-in-challenge";

type Credentials = { email: string; password: string } | { challenge: string; code: string };

/** The code step's page, returning to `redirectTo` (or the page the sign-in came from). */
async function twoFactorStepUrl(redirectTo: string | undefined) {
  const returnTo = safeRedirectPath(redirectTo ?? (await headers()).get("x-roster-path"));
  return `/sign-in/two-factor?callbackUrl=${encodeURIComponent(returnTo)}`;
}

async function openSession(credentials: Credentials, redirectTo?: string) {
  const previousToken = (await auth())?.sessionToken;
  const endPrevious = async () => {
    if (previousToken) await revokeSession(await getDb(), previousToken);
  };
  try {
    if (redirectTo) await signIn("credentials", { ...credentials, redirectTo });
    else await signIn("credentials", { ...credentials, redirect: false });
  } catch (error) {
    if (isRedirect(error)) {
      await endPrevious();
      throw error;
    }
    if (error instanceof TwoFactorRequired) {
      (await cookies()).set(CHALLENGE_COOKIE, error.challenge, {
        httpOnly: true,
        sameSite: "lax",
        secure: config.appUrl().startsWith("https:"),
        path: "/",
        maxAge: 10 * 60,
      });
      redirect(await twoFactorStepUrl(redirectTo));
    }
    if (error instanceof RateLimitedSignIn) throw new AppError("rate_limited", error.reason);
    if (error instanceof WrongSecondFactor) throw new AppError("invalid", error.reason, "code");
    if (error instanceof CredentialsSignin && error.code === "rate_limited") {
      throw new AppError("rate_limited", "Too many sign-in attempts. Try again later.");
    }
    if (error instanceof AuthError) throw new AppError("invalid", SIGN_IN_FAILED);
    throw error;
  }
  await endPrevious();
}

/**
 * Signs in through Auth.js from a server action, which sets the session cookie. With
 * `redirectTo`, success arrives as a thrown redirect (let it through); without, the action
 * goes on signed in. Refused credentials become the usual AppError. The session this browser
 * had before (if any) ends once the new one is open: signing in replaces it. A user with
 * two-factor is sent on to the code step instead (which then returns to `redirectTo`, or to
 * the page this sign-in came from).
 */
export async function startSession(email: string, password: string, redirectTo?: string) {
  await openSession({ email, password }, redirectTo);
}

/** The two-factor challenge this browser holds, if any. */
export async function pendingChallenge() {
  return (await cookies()).get(CHALLENGE_COOKIE)?.value;
}

/** The code step: the challenge from the password step plus a code opens the session. */
export async function finishTwoFactorSession(code: string, redirectTo: string) {
  const challenge = await pendingChallenge();
  if (!challenge) throw new AppError("invalid", CHALLENGE_ENDED);
  try {
    await openSession({ challenge, code }, redirectTo);
  } catch (error) {
    if (isRedirect(error)) (await cookies()).delete(CHALLENGE_COOKIE);
    throw error;
  }
}

/**
 * Puts a session the server opened (acting as someone) or resumed (stopping) in this browser's
 * cookie, in place of the one it had, which stays as it is. Success is a redirect to `redirectTo`.
 */
export async function continueInSession(token: string, redirectTo: string) {
  await signIn("credentials", { handoff: token, redirectTo: safeRedirectPath(redirectTo) });
}
