import { spawn } from "node:child_process";
import { createElement } from "react";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, emailOutbox } from "@/db/schema";
import VerifyEmail from "@/emails/verify-email";
import { startFakeResend, type FakeResend } from "@/tests/fake-resend/server";
import { randomEmail } from "@/tests/fixtures";
import { onPostgres, testDatabase } from "@/tests/test-db";
import { seal } from "@/lib/crypto/seal";
import { claimDueEmails, deliverDueEmails, LEASE_SECONDS, MAX_ATTEMPTS, retryDelaySeconds } from "./delivery";
import { sendEmail } from "./outbox";
import { resendTransport, type Transport } from "./transports";

const t = testDatabase({ isolated: true });
let fake: FakeResend;
let transport: Transport;

beforeAll(async () => {
  fake = await startFakeResend();
  process.env.RESEND_BASE_URL = fake.url; // read by the Resend SDK when the transport is made
  transport = resendTransport("re_test_key", { timeoutMs: 500 });
});
afterAll(() => fake.stop());
afterEach(() => fake.setMode("ok"));

async function queue(count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const to = randomEmail("mail");
    ids.push(
      await sendEmail(t.db, {
        template: "verify-email",
        to,
        subject: `Confirm ${to}`,
        react: createElement(VerifyEmail, {
          name: "Ada",
          verifyUrl: `http://localhost/verify-email/secret-${i}`,
        }),
      }),
    );
  }
  return ids;
}

const rows = (ids: string[]) => t.db.select().from(emailOutbox).where(inArray(emailOutbox.id, ids));
const sentWithKey = (id: string) => fake.emails.filter((e) => e.idempotencyKey === id);
const later = (start: Date, seconds: number) => () => new Date(start.getTime() + seconds * 1000);
/**
 * A worker clock safely after the emails were queued. `new Date()` alone is not: it truncates to
 * the millisecond, so read within the millisecond of the insert it can be earlier than the row's
 * microsecond `now()`, and the email would not be due yet.
 */
const afterQueueing = () => new Date(Date.now() + 1000);

describe("the email outbox", () => {
  it("keeps the body sealed: the link is not readable in the database", async () => {
    const [id] = await queue(1);
    const [row] = await rows([id!]);
    expect(row?.sealedBody).toBeTruthy();
    expect(row?.sealedBody).not.toContain("secret-0");
    expect(row).toMatchObject({
      status: "queued",
      attempts: 0,
      to: expect.stringContaining("@example.test"),
    });
  });

  it("delivers through Resend with the outbox id as idempotency key, HTML and plain text", async () => {
    const ids = await queue(3);
    await deliverDueEmails(t.db, transport);
    for (const id of ids) {
      expect(sentWithKey(id)).toHaveLength(1);
      expect(sentWithKey(id)[0]?.html).toContain("Confirm my email");
      expect(sentWithKey(id)[0]?.text).toContain("http://localhost/verify-email/secret-");
      expect(sentWithKey(id)[0]?.text).not.toContain("<");
    }
    for (const row of await rows(ids)) {
      expect(row).toMatchObject({
        status: "sent",
        attempts: 1,
        transport: "resend",
        lastError: null,
        sealedBody: null,
      });
      expect(row.providerMessageId).toBe(sentWithKey(row.id)[0]?.id);
    }
  });

  for (const mode of ["500", "429", "hang"] as const) {
    it(`provider answers ${mode}: nothing is lost, and after recovery each email is delivered exactly once`, async () => {
      const ids = await queue(2);
      const start = afterQueueing();
      fake.setMode(mode);
      await deliverDueEmails(t.db, transport, () => start);
      for (const row of await rows(ids)) {
        expect(row).toMatchObject({ status: "queued", attempts: 1 });
        expect(row.lastError).toBeTruthy();
        expect(row.nextAttemptAt.getTime()).toBe(start.getTime() + retryDelaySeconds(1) * 1000);
      }
      // Not due yet: a pass before the retry time sends nothing.
      const requestsBefore = fake.requests;
      await deliverDueEmails(t.db, transport, later(start, retryDelaySeconds(1) - 1));
      expect(fake.requests).toBe(requestsBefore);

      fake.setMode("ok");
      await deliverDueEmails(t.db, transport, later(start, retryDelaySeconds(1)));
      for (const row of await rows(ids)) expect(row).toMatchObject({ status: "sent", attempts: 2 });
      for (const id of ids) expect(sentWithKey(id)).toHaveLength(1);
    });
  }

  it("gives up after the last attempt, and records the failure in the audit log", async () => {
    const [id] = await queue(1);
    fake.setMode("500");
    let clock = afterQueueing();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliverDueEmails(t.db, transport, () => clock);
      clock = new Date(clock.getTime() + retryDelaySeconds(attempt) * 1000);
    }
    const [row] = await rows([id!]);
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, sealedBody: null });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, id!));
    expect(events).toEqual([expect.objectContaining({ action: "email.delivery_failed" })]);
  });

  it("does not retry an email the provider refuses for good (a 4xx other than 429)", async () => {
    const [id] = await queue(1);
    const refusing = resendTransport("not-a-resend-key"); // the fake answers 401
    await deliverDueEmails(t.db, refusing);
    expect((await rows([id!]))[0]).toMatchObject({ status: "failed", attempts: 1 });
  });

  describe("an email that can never be sent (a poison email)", () => {
    const failuresOf = (id: string) =>
      t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, "email.delivery_failed")));

    /** One pass fails it for good, with `reason`: one attempt, nothing sent, an audit event. */
    async function expectFailedAtOnce(id: string, reason: RegExp) {
      const requestsBefore = fake.requests;
      await deliverDueEmails(t.db, transport, afterQueueing);
      const [row] = await rows([id]);
      expect(row).toMatchObject({ status: "failed", attempts: 1, sealedBody: null });
      expect(row?.lastError).toMatch(reason);
      expect(fake.requests).toBe(requestsBefore);
      expect(sentWithKey(id)).toHaveLength(0);
      const events = await failuresOf(id);
      expect(events).toHaveLength(1);
      expect(events[0]?.data).toMatchObject({ attempts: 1, error: row?.lastError });
      // Failed is final: later passes leave it alone.
      await deliverDueEmails(t.db, transport, later(afterQueueing(), 24 * 3600));
      expect((await rows([id]))[0]).toMatchObject({ status: "failed", attempts: 1 });
    }

    it("sealed under an AUTH_SECRET no longer configured: failed at once, not retried", async () => {
      const configured = process.env.AUTH_SECRET;
      process.env.AUTH_SECRET = "a-secret-retired-since";
      let id: string | undefined;
      try {
        [id] = await queue(1);
      } finally {
        process.env.AUTH_SECRET = configured;
      }
      await expectFailedAtOnce(id!, /body cannot be read: no configured AUTH_SECRET opens it/);
    });

    it("with a corrupted body: failed at once, not retried", async () => {
      const [id] = await queue(1);
      const [row] = await rows([id!]);
      const [iv, tag, data] = row!.sealedBody!.split(".");
      const flipped = `${data!.slice(0, -2)}${data!.endsWith("AA") ? "BB" : "AA"}`;
      await t.db
        .update(emailOutbox)
        .set({ sealedBody: [iv, tag, flipped].join(".") })
        .where(eq(emailOutbox.id, id!));
      await expectFailedAtOnce(id!, /body cannot be read/);
    });

    it("whose body opens but is no email (no HTML and text): failed at once, not retried", async () => {
      const [id] = await queue(1);
      await t.db
        .update(emailOutbox)
        .set({ sealedBody: seal("email-outbox-body", JSON.stringify({ html: 42 })) })
        .where(eq(emailOutbox.id, id!));
      await expectFailedAtOnce(id!, /body cannot be read: it opens, but holds no email body/);
    });

    it("is never claimed again once it has had every attempt, and is failed for good", async () => {
      const [id] = await queue(1);
      // Its last worker died mid-send (or threw before recording anything), and its lease ran out.
      const leaseEnded = new Date(Date.now() - 1000);
      await t.db
        .update(emailOutbox)
        .set({ status: "sending", attempts: MAX_ATTEMPTS, nextAttemptAt: leaseEnded })
        .where(eq(emailOutbox.id, id!));
      const claimed = await claimDueEmails(t.db, afterQueueing(), 100);
      expect(claimed.map((email) => email.id)).not.toContain(id);
      expect((await rows([id!]))[0]).toMatchObject({ status: "sending", attempts: MAX_ATTEMPTS });

      const requestsBefore = fake.requests;
      await deliverDueEmails(t.db, transport, afterQueueing);
      const [row] = await rows([id!]);
      expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, sealedBody: null });
      expect(row?.lastError).toMatch(`no outcome recorded after ${MAX_ATTEMPTS} attempts`);
      expect(fake.requests).toBe(requestsBefore);
      expect(await failuresOf(id!)).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ attempts: MAX_ATTEMPTS }) }),
      ]);
    });
  });

  describe.skipIf(!onPostgres)("several workers (needs a PostgreSQL server)", () => {
    it("four workers at once send each of 20 emails exactly once", async () => {
      const ids = await queue(20);
      const requestsBefore = fake.requests;
      await Promise.all([1, 2, 3, 4].map(() => deliverDueEmails(t.db, transport)));
      expect(fake.requests - requestsBefore).toBe(20);
      for (const id of ids) expect(sentWithKey(id)).toHaveLength(1);
      for (const row of await rows(ids)) expect(row.status).toBe("sent");
    });

    it("a worker killed mid-send loses nothing: its email is taken over when the lease ends, and sent once", async () => {
      fake.setMode("hang");
      const [id] = await queue(1);
      // Node itself with tsx's loader (not the tsx wrapper, whose child would outlive a kill),
      // in a process group of its own, so the kill takes all of it.
      const worker = spawn(
        process.execPath,
        ["--import", "tsx", "--import", "./scripts/server-only-hooks.mjs", "scripts/worker.ts"],
        {
          env: { ...process.env, RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: fake.url },
          stdio: "ignore",
          detached: true,
        },
      );
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      try {
        await expect.poll(() => sentWithKey(id!).length, { timeout: 20_000 }).toBe(1);
      } finally {
        process.kill(-worker.pid!, "SIGKILL");
      }
      await exited;
      // The whole group (tsx's esbuild service too) is gone once its last member is reaped.
      const groupAlive = () => {
        try {
          process.kill(-worker.pid!, 0);
          return true;
        } catch {
          return false;
        }
      };
      await expect.poll(groupAlive, { timeout: 5_000 }).toBe(false);
      const [claimed] = await rows([id!]);
      expect(claimed).toMatchObject({ status: "sending", attempts: 1 });

      fake.setMode("ok");
      await deliverDueEmails(t.db, transport); // the lease still holds: nothing to take yet
      expect((await rows([id!]))[0]?.status).toBe("sending");
      await deliverDueEmails(t.db, transport, later(new Date(), LEASE_SECONDS + 1));
      expect((await rows([id!]))[0]).toMatchObject({ status: "sent", attempts: 2 });
      expect(sentWithKey(id!)).toHaveLength(1);
    });
  });
});
