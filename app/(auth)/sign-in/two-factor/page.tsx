import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getCurrentSession, signInUrl } from "@/lib/auth/current";
import { pendingChallenge } from "@/lib/auth/start-session";
import { challengeIsLive } from "@/lib/auth/two-factor-sign-in";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { SignInCodeForm } from "./sign-in-code-form";

export const metadata: Metadata = { title: "Two-factor authentication" };

/** After a right password, for users with two-factor: the code that completes the sign-in. */
export default async function SignInCodePage({ searchParams }: PageProps<"/sign-in/two-factor">) {
  const { callbackUrl } = await searchParams;
  const returnTo = safeRedirectPath(typeof callbackUrl === "string" ? callbackUrl : null);
  // A live challenge wins over a session this browser already has (signing in as someone else).
  if (!(await challengeIsLive(await getDb(), await pendingChallenge()))) {
    redirect((await getCurrentSession()) ? returnTo : signInUrl(returnTo));
  }
  return (
    <Card className="p-6 sm:p-8">
      <h1 className="text-xl font-semibold">Two-factor authentication</h1>
      <p className="mt-1 text-sm text-zinc-600">
        Enter the 6-digit code from your authenticator app. Lost your device? Enter one of your recovery codes
        instead.
      </p>
      <SignInCodeForm callbackUrl={returnTo} />
      <p className="mt-6 text-center text-sm text-zinc-600">
        <Link href={signInUrl(returnTo)} className="font-medium text-indigo-700 hover:underline">
          Sign in as someone else
        </Link>
      </p>
    </Card>
  );
}
