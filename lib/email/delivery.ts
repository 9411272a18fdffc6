import "server-only";
import { and, asc, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emailOutbox, type OutboxEmail } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { config } from "@/lib/config";
import { UnsealError } from "@/lib/crypto/seal";
import { unsealBody, type EmailBody } from "./seal";
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

/** Emails a worker may take: queued or abandoned mid-send, and with attempts left. */
const claimable = (now: Date) =>
  and(
    inArray(emailOutbox.status, ["queued", "sending"]),
    lte(emailOutbox.nextAttemptAt, now),
    lt(emailOutbox.attempts, MAX_ATTEMPTS),
  );

/**
 * Claims up to `limit` due emails for this worker: queued ones whose time has come, and
 * `sending` ones whose sender's lease ran out (a worker that died mid-send). An email that
 * has had all its attempts is never claimed again, however its last attempt ended: a worker
 * that dies on it each time cannot retry it for ever. Concurrent workers skip each other's
 * rows (FOR UPDATE SKIP LOCKED), so no email is claimed twice.
 */
export async function claimDueEmails(db: Db, now: Date, limit = 10): Promise<OutboxEmail[]> {
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(claimable(now))
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

/**
 * The email's body, or why it has none that can be sent: sealed under a secret no longer in
 * AUTH_SECRET, corrupted, or not an email's body. Such an email can never be sent, so it
 * fails at once instead of being retried. Any other error (AUTH_SECRET missing altogether) is
 * the configuration's fault, not the email's: it is thrown, and the email waits for a fix.
 */
function openBody(sealedBody: string | null): { body: EmailBody } | { unreadable: string } {
  if (!sealedBody) return { unreadable: "the email has no body" };
  try {
    return { body: unsealBody(sealedBody) };
  } catch (error) {
    if (error instanceof UnsealError) return { unreadable: `the body cannot be read: ${error.message}` };
    throw error;
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
  const opened = openBody(email.sealedBody);
  const result =
    "body" in opened
      ? await transport.send(
          { from: config.emailFrom(), to: email.to, bcc: email.bcc, subject: email.subject, ...opened.body },
          email.id,
        )
      : ({ ok: false, retryable: false, error: opened.unreadable } as const);
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
      .returning();
    if (failed) await recordDeliveryFailure(tx, failed);
  });
  return "failed" as const;
}

function recordDeliveryFailure(tx: Db, email: OutboxEmail) {
  return recordAuditEvent(tx, {
    action: "email.delivery_failed",
    accountId: email.accountId,
    target: { type: "email", id: email.id },
    data: { template: email.template, to: email.to, attempts: email.attempts, error: email.lastError },
  });
}

/**
 * Fails, for good, the emails that had all their attempts and whose last one never recorded an
 * outcome (its worker died, or threw, each time): no claim takes them any more, so without
 * this they would wait in `sending` unnoticed.
 */
export async function failAbandonedEmails(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const abandoned = await tx
      .update(emailOutbox)
      .set({
        status: "failed",
        lastError: sql`'no outcome recorded after ' || ${emailOutbox.attempts} || ' attempts (the worker stopped or failed mid-send)'`,
        sealedBody: null,
      })
      .where(
        and(
          inArray(emailOutbox.status, ["queued", "sending"]),
          lte(emailOutbox.nextAttemptAt, now),
          gte(emailOutbox.attempts, MAX_ATTEMPTS),
        ),
      )
      .returning();
    for (const email of abandoned) await recordDeliveryFailure(tx, email);
    return abandoned.length;
  });
}

/** One pass of the worker: claims and delivers due emails until none is left. */
export async function deliverDueEmails(db: Db, transport: Transport, now = () => new Date()) {
  const outcomes = { sent: 0, retrying: 0, failed: await failAbandonedEmails(db, now()) };
  for (;;) {
    const batch = await claimDueEmails(db, now());
    if (batch.length === 0) return outcomes;
    const results = await Promise.all(batch.map((email) => deliverEmail(db, email, transport, now())));
    for (const outcome of results) outcomes[outcome]++;
  }
}
