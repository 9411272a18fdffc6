import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CenteredPage } from "@/components/centered-page";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getCurrentSession } from "@/lib/auth/current";
import { findJoinLinkAccount } from "@/lib/invitations/join-link";
import { JoinRequestForm } from "./join-form";

// The code in the URL is a shared secret: no Referer carries it to other sites.
export const metadata: Metadata = { title: "Join", referrer: "same-origin" };

/** An account's join link: ask to join with an email address. Unknown or turned off: 404. */
export default async function JoinPage({ params }: PageProps<"/join/[code]">) {
  const { code } = await params;
  const [account, session] = await Promise.all([
    findJoinLinkAccount(await getDb(), code),
    getCurrentSession(),
  ]);
  if (!account) notFound();
  return (
    <CenteredPage>
      <Card className="p-6 sm:p-8">
        <p className="text-sm font-medium text-indigo-700">Join link</p>
        <h1 className="mt-1 text-xl font-semibold">Join {account.displayName}</h1>
        <p className="mt-2 text-sm text-zinc-700">
          Enter your email address, and we will send you a link to join {account.displayName} on Roster.
        </p>
        <JoinRequestForm
          code={code}
          email={session?.user.email ?? ""}
          hint={
            account.domains.length > 0
              ? `Only addresses at ${account.domains.join(", ")} can join through this link.`
              : undefined
          }
        />
      </Card>
    </CenteredPage>
  );
}
