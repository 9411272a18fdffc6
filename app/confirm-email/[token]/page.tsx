import type { Metadata } from "next";
import Link from "next/link";
import { CenteredPage } from "@/components/centered-page";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { findEmailChange } from "@/lib/users/email-change";
import { ConfirmEmailChangeForm } from "./confirm-email-change-form";

// same-origin: the token never leaves as a Referer, and the form still posts with its Origin.
export const metadata: Metadata = { title: "Confirm your new email address", referrer: "same-origin" };

// Opening the link changes nothing (mail scanners follow links); the button does.
export default async function ConfirmEmailChangePage({ params }: PageProps<"/confirm-email/[token]">) {
  const { token } = await params;
  const change = await findEmailChange(await getDb(), token);
  return (
    <CenteredPage>
      <Card className="p-6 sm:p-8">
        {change ? (
          <>
            <h1 className="text-xl font-semibold">Confirm your new email address</h1>
            <p className="mt-2 text-sm text-zinc-700">
              From now on, <strong>{change.user.name}</strong> signs in to Roster as{" "}
              <strong className="wrap-break-word">{change.email}</strong> instead of {change.user.email}. Your
              other sessions will be signed out.
            </p>
            <div className="mt-6">
              <ConfirmEmailChangeForm token={token} />
            </div>
          </>
        ) : (
          <>
            <h1 className="text-xl font-semibold">This link is not valid any more</h1>
            <p className="mt-2 text-sm text-zinc-600">
              It was used, a newer one was sent, or it expired (links work for 24 hours).
            </p>
            <Link
              href="/profile"
              className="mt-6 inline-block text-sm font-medium text-indigo-700 hover:underline"
            >
              Go to my profile
            </Link>
          </>
        )}
      </Card>
    </CenteredPage>
  );
}
