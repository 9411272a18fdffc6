import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emailOutbox, type OutboxEmail } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { config } from "@/lib/config";
import { unsealBody } from "./seal";
import type { Transport } from "./transports";

/** How long a claimed email is reserved for its sender before another worker may take it. */
export const LEASE_SECONDS = 60;
/** After this many failed attempts an email is marked failed for good. */
export const MAX_ATTEMPTS = 8;

/** Wait before retry n: 30 s, 1 min, 2 min, … capped at an hour. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(30 * 2 ** (attempt - 1), 3600);
}

const seconds = (now: Date, s: number) => new Date(now.getTime() + s * 1000);

/**
 * Claims up to `limit` due emails for this worker: queued ones whose time has come, and
 * `sending` ones whose sender's lease ran out (a worker that died mid-send). Concurrent
 * workers skip each other's rows (FOR UPDATE SKIP LOCKED), so no email is claimed twice.
 */
export async function claimDueEmails(db: Db, now: Date, limit = 10): Promise<OutboxEmail[]> {
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(inArray(emailOutbox.status, ["queued", "sending"]), lte(emailOutbox.nextAttemptAt, now)))
    .orderBy(asc(emailOutbox.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(emailOutbox)
    .set({
      status: "sending",
      attempts: sql`${emailOutbox.attempts} + 1`,
      nextAttemptAt: seconds(now, LEASE_SECONDS),
    })
    .where(inArray(emailOutbox.id, due))
    .returning();
}

/** The email's body, or null if it has none or cannot be opened (sealed under another AUTH_SECRET). */
function readableBody(sealedBody: string | null) {
  if (!sealedBody) return null;
  try {
    return unsealBody(sealedBody);
  } catch {
    return null;
  }
}

/**
 * Sends one claimed email and records the outcome. The outbox id is the idempotency key, so
 * a retry after a lost answer never sends the email twice. The outcome is written only while
 * this worker still holds the claim (same attempt), so a late answer cannot overwrite a newer one.
 */
export async function deliverEmail(db: Db, email: OutboxEmail, transport: Transport, now = new Date()) {
  const stillMine = and(
    eq(emailOutbox.id, email.id),
    eq(emailOutbox.status, "sending"),
    eq(emailOutbox.attempts, email.attempts),
  );
  const body = readableBody(email.sealedBody);
  const result = body
    ? await transport.send(
        { from: config.emailFrom(), to: email.to, bcc: email.bcc, subject: email.subject, ...body },
        email.id,
      )
    : ({ ok: false, retryable: false, error: "the email has no readable body" } as const);
  const finishedAt = new Date(Math.max(now.getTime(), Date.now()));

  if (result.ok) {
    await db
      .update(emailOutbox)
      .set({
        status: "sent",
        sentAt: finishedAt,
        transport: transport.name,
        providerMessageId: result.providerMessageId,
        lastError: null,
        // The provider has it now; only the local mailbox needs to show the body later.
        sealedBody: transport.name === "mailbox" ? email.sealedBody : null,
      })
      .where(stillMine);
    return "sent" as const;
  }

  if (result.retryable && email.attempts < MAX_ATTEMPTS) {
    await db
      .update(emailOutbox)
      .set({
        status: "queued",
        lastError: result.error,
        nextAttemptAt: seconds(now, retryDelaySeconds(email.attempts)),
      })
      .where(stillMine);
    return "retrying" as const;
  }

  await db.transaction(async (tx) => {
    const [failed] = await tx
      .update(emailOutbox)
      .set({ status: "failed", lastError: result.error, sealedBody: null })
      .where(stillMine)
      .returning({ id: emailOutbox.id });
    if (!failed) return;
    await recordAuditEvent(tx, {
      action: "email.delivery_failed",
      accountId: email.accountId,
      target: { type: "email", id: email.id },
      data: { template: email.template, to: email.to, attempts: email.attempts, error: result.error },
    });
  });
  return "failed" as const;
}

/** One pass of the worker: claims and delivers due emails until none is left. */
export async function deliverDueEmails(db: Db, transport: Transport, now = () => new Date()) {
  const outcomes = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const batch = await claimDueEmails(db, now());
    if (batch.length === 0) return outcomes;
    const results = await Promise.all(batch.map((email) => deliverEmail(db, email, transport, now())));
    for (const outcome of results) outcomes[outcome]++;
  }
}
