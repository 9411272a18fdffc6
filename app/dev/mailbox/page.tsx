import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listMailbox } from "@/lib/email/mailbox";
import { requireMailboxAccess } from "@/lib/email/mailbox-access";
import { formatDateTime } from "@/lib/format";
import { Main } from "@/components/main-landmark";

export const metadata: Metadata = { title: "Local mailbox", robots: { index: false } };

/** Development only: every email the app sent, when no email provider is configured. */
export default async function MailboxPage({ searchParams }: PageProps<"/dev/mailbox">) {
  await connection();
  await requireMailboxAccess();
  const { to } = await searchParams;
  const filter = typeof to === "string" && to ? to : undefined;
  const emails = await listMailbox(await getDb(), filter);
  return (
    <Main className="mx-auto max-w-4xl px-4 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Local mailbox</h1>
      <p className="mt-1 text-sm text-zinc-600">
        No email provider is configured (RESEND_API_KEY), so Roster keeps its emails here.
        {filter && (
          <>
            {" "}
            Showing emails to <strong>{filter}</strong> ·{" "}
            <Link href="/dev/mailbox" className="text-indigo-700 underline">
              show all
            </Link>
          </>
        )}
      </p>
      <Card className="mt-6">
        {emails.length === 0 ? (
          <p className="px-5 py-8 text-center text-sm text-zinc-600">
            No emails yet. Sign up or invite someone, and the emails appear here.
          </p>
        ) : (
          <ul className="divide-y divide-zinc-100" aria-label="Emails">
            {emails.map((email) => (
              <li key={email.id}>
                <Link
                  href={`/dev/mailbox/${email.id}`}
                  className="flex flex-wrap justify-between gap-2 px-5 py-3 hover:bg-zinc-50"
                >
                  <span>
                    <span className="block font-medium">{email.subject}</span>
                    <span className="block text-sm text-zinc-600">To {email.to}</span>
                  </span>
                  <span className="text-sm text-zinc-500">
                    {email.sentAt ? formatDateTime(email.sentAt) : ""}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </Main>
  );
}
