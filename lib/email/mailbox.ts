import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { unsealBody } from "./seal";

const MAILBOX_LIMIT = 100;
const inMailbox = eq(emailOutbox.transport, "mailbox");

/** The newest emails delivered to the local development mailbox, optionally to one address. */
export function listMailbox(db: Db, to?: string) {
  return db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(and(inMailbox, to ? eq(emailOutbox.to, to) : undefined))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(MAILBOX_LIMIT);
}

/** One email of the local mailbox, with its body unsealed. */
export async function readMailboxEmail(db: Db, id: string) {
  const [email] = await db
    .select()
    .from(emailOutbox)
    .where(and(inMailbox, eq(emailOutbox.id, id)));
  if (!email?.sealedBody) return null;
  return {
    id: email.id,
    to: email.to,
    bcc: email.bcc,
    subject: email.subject,
    sentAt: email.sentAt,
    ...unsealBody(email.sealedBody),
  };
}
