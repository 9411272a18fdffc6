import type { Metadata } from "next";
import Link from "next/link";
import { CenteredPage } from "@/components/centered-page";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Not found" };

/** An invitation link that is not (or no longer) valid: a 404, with what may have happened. */
export default function InvalidInvitation() {
  return (
    <CenteredPage>
      <Card className="p-6 sm:p-8">
        <h1 className="text-xl font-semibold">This invitation link is not valid</h1>
        <p className="mt-2 text-sm text-zinc-600">
          It may have expired, been revoked, or already been used. Ask the person who invited you to send a
          new invitation.
        </p>
        <Link href="/" className="mt-6 inline-block text-sm font-medium text-indigo-700 hover:underline">
          Go to Roster
        </Link>
      </Card>
    </CenteredPage>
  );
}
