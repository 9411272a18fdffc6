import "server-only";
import type { ReactElement } from "react";
import { render } from "@react-email/render";
import type { Db } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { sealBody } from "./seal";

export type EmailMessage = {
  /** The template's name, for the outbox and the audit log. */
  template: string;
  /** The tenant the email belongs to, if any. */
  accountId?: string | null;
  to: string;
  bcc?: string | null;
  subject: string;
  /** A React Email component; rendered here to HTML and to plain text. */
  react: ReactElement;
};

/**
 * The one way Roster sends email: renders the message and queues it in the outbox, inside
 * the caller's transaction, so the email exists exactly when the change that needs it
 * commits. The email worker delivers it (lib/email/delivery.ts).
 */
export async function sendEmail(tx: Db, message: EmailMessage): Promise<string> {
  const [html, text] = await Promise.all([render(message.react), render(message.react, { plainText: true })]);
  const [row] = await tx
    .insert(emailOutbox)
    .values({
      template: message.template,
      accountId: message.accountId ?? null,
      to: message.to,
      bcc: message.bcc ?? null,
      subject: message.subject,
      sealedBody: sealBody({ html, text }),
    })
    .returning({ id: emailOutbox.id });
  if (!row) throw new Error("outbox insert returned nothing");
  return row.id;
}
