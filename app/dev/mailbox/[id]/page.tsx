import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { readMailboxEmail } from "@/lib/email/mailbox";
import { requireMailboxAccess } from "@/lib/email/mailbox-access";
import { formatDateTime } from "@/lib/format";
import { isUuid } from "@/lib/uuid";
import { Main } from "@/components/main-landmark";

export const metadata: Metadata = {
  title: "Email · Local mailbox",
  robots: { index: false },
  referrer: "same-origin",
};

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** One email of the local mailbox: its plain text with working links, and its HTML as sent. */
export default async function MailboxEmailPage({ params }: PageProps<"/dev/mailbox/[id]">) {
  await connection();
  await requireMailboxAccess();
  const { id } = await params;
  const email = isUuid(id) ? await readMailboxEmail(await getDb(), id) : null;
  if (!email) notFound();
  return (
    <Main className="mx-auto max-w-4xl px-4 py-10">
      <Link href="/dev/mailbox" className="text-sm text-indigo-700 hover:underline">
        ← Local mailbox
      </Link>
      <h1 className="mt-3 text-2xl font-semibold tracking-tight">{email.subject}</h1>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 text-sm text-zinc-600">
        <dt>To</dt>
        <dd>{email.to}</dd>
        {email.bcc && (
          <>
            <dt>Bcc</dt>
            <dd>{email.bcc}</dd>
          </>
        )}
        <dt>Sent</dt>
        <dd>{email.sentAt ? formatDateTime(email.sentAt) : "—"}</dd>
      </dl>
      <Card className="mt-6 p-5">
        <h2 className="mb-2 text-sm font-semibold text-zinc-500">Plain text</h2>
        <pre className="text-sm break-words whitespace-pre-wrap" data-testid="email-text">
          {email.text.split(URL_PATTERN).map((part, i) =>
            i % 2 === 1 ? (
              <a key={i} href={part} className="text-indigo-700 underline">
                {part}
              </a>
            ) : (
              part
            ),
          )}
        </pre>
      </Card>
      <Card className="mt-6 overflow-hidden">
        <h2 className="px-5 pt-4 text-sm font-semibold text-zinc-500">HTML</h2>
        <iframe title="Email as HTML" srcDoc={email.html} sandbox="" className="h-[600px] w-full border-0" />
      </Card>
    </Main>
  );
}
