import type { Metadata } from "next";
import Link from "next/link";
import { CenteredPage } from "@/components/centered-page";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { RelativeTime } from "@/components/ui/relative-time";
import { getDb } from "@/db/client";
import { getCurrentSession } from "@/lib/auth/current";
import { findEmailVerification } from "@/lib/users/email-verification";
import { ConfirmEmailForm } from "./confirm-email-form";

// same-origin: the link (its token) is never sent to other sites as a Referer, while the
// form still posts with its Origin (with no-referrer it is "null", and Next refuses the action).
export const metadata: Metadata = { title: "Confirm your email", referrer: "same-origin" };

// The link only opens this page; confirming takes a click (so that mail scanners that follow
// links do not use it up), and only the user who signed up can confirm: signed in as them, or
// with their password. Whoever did not sign up is offered to take the address back instead.
export default async function VerifyEmailPage({ params }: PageProps<"/verify-email/[token]">) {
  const { token } = await params;
  const [link, session] = await Promise.all([
    findEmailVerification(await getDb(), token),
    getCurrentSession(),
  ]);
  if (!link) {
    return (
      <CenteredPage>
        <Card className="p-6 sm:p-8">
          <h1 className="text-xl font-semibold">This link is not valid any more</h1>
          <p className="mt-2 text-sm text-zinc-600">
            It was used, a newer link was sent, or it expired. Sign in and ask for a new one from the banner.
          </p>
          <Link href="/" className="mt-6 inline-block text-sm font-medium text-indigo-700 hover:underline">
            Go to Roster
          </Link>
        </Card>
      </CenteredPage>
    );
  }
  const signedInAsOther = session && session.user.id !== link.user.id;
  return (
    <CenteredPage>
      <Card className="p-6 sm:p-8">
        <h1 className="text-xl font-semibold">Confirm your email address</h1>
        <p className="mt-2 text-sm text-zinc-700">
          This confirms <strong className="wrap-break-word">{link.email}</strong> for the Roster user{" "}
          <strong>{link.user.name}</strong>, created <RelativeTime date={link.user.createdAt} />.
        </p>
        <div className="mt-6">
          {signedInAsOther ? (
            <Notice tone="warning">
              You are signed in as {session.user.email}. Sign out first to confirm {link.email}.
            </Notice>
          ) : (
            <ConfirmEmailForm token={token} askPassword={!session} />
          )}
        </div>
        <div className="mt-6 border-t border-zinc-200 pt-4 text-sm text-zinc-600">
          <p className="font-medium text-zinc-900">Did not sign up?</p>
          <p className="mt-1">
            Someone may have used your address. Do not confirm:{" "}
            <Link href="/forgot-password" className="font-medium text-indigo-700 hover:underline">
              reset the password
            </Link>{" "}
            instead. As the address is not confirmed yet, the user becomes yours, and whoever signed up is
            signed out.
          </p>
        </div>
      </Card>
    </CenteredPage>
  );
}
