import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, invitations, memberships } from "@/db/schema";
import { acceptInvitationAsNewUser, findInvitationByToken } from "@/lib/invitations/accept";
import { inviteMembers } from "@/lib/invitations/invite";
import { deliverDueEmails } from "@/lib/email/delivery";
import { resendTransport, type Transport } from "@/lib/email/transports";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { startFakeResend, type FakeMode, type FakeResend } from "@/tests/fake-resend/server";
import { memberContextOf, onPlan, PASSWORD, randomEmail, signUp } from "@/tests/fixtures";
import { testKind, testDatabase } from "@/tests/test-db";

/**
 * Fault suite (issue 11): the email provider fails — 500, then 429, then hangs past the
 * transport's timeout — while invitations are being sent, and then recovers. Invitations go
 * through the real `inviteMembers`, delivery through the real worker pass with a clock that
 * moves on an hour per pass (every email still waiting is due again at each pass). Nothing
 * may be lost, nothing sent twice: a provider that accepted an email whose answer never came
 * (the hang) is asked again with the same idempotency key, and sends nothing new.
 *
 * The worker process killed mid-send is the other delivery fault; it is in
 * lib/email/delivery.test.ts (it needs a process of its own, which this suite does not repeat).
 */

const t = testDatabase({ isolated: true });
const meta = NO_REQUEST_META;
/** Short, so that a hanging provider costs little; an answering one replies in milliseconds. */
const SEND_TIMEOUT_MS = 1_000;
const BATCH = 3;
const HOUR_MS = 60 * 60 * 1000;

let fake: FakeResend;
let transport: Transport;
const tried: string[] = [];

beforeAll(async () => {
  fake = await startFakeResend();
  process.env.RESEND_BASE_URL = fake.url; // read by the Resend SDK when the transport is made
  transport = resendTransport("re_test_key", { timeoutMs: SEND_TIMEOUT_MS });
});
afterAll(async () => {
  await fake.stop();
  console.log(
    `Fault suite, email provider (${testKind}): ${tried.length} faults tried\n${tried.map((line) => `  - ${line}`).join("\n")}`,
  );
});

const sentWithKey = (id: string) => fake.emails.filter((email) => email.idempotencyKey === id);
const outboxRows = (ids: string[]) => t.db.select().from(emailOutbox).where(inArray(emailOutbox.id, ids));

describe("the email provider fails while invitations are sent", () => {
  it("500, 429, then a hang past the timeout, then recovery: every invitation email sent exactly once, nothing lost", async () => {
    const owner = await signUp(t.db, { name: "Owner Olga" });
    await onPlan(t.db, owner.account.id, "team"); // more seats than Free's five
    const ctx = await memberContextOf(t.db, owner.user, owner.account.shortName);

    // Each phase invites a batch while the provider is in `mode`, then runs one delivery pass.
    const phases: { mode: FakeMode; error: RegExp | null }[] = [
      { mode: "500", error: /^500: Fake outage/ },
      { mode: "429", error: /^429: Too many requests/ },
      { mode: "hang", error: /^no response: / },
      { mode: "ok", error: null },
    ];
    const batches: { addresses: string[]; invitationIds: string[]; emailIds: string[] }[] = [];
    // The owner's own confirmation email goes first, so that the provider's count below is the invitations'.
    const start = Date.now() + 1000; // safely after every queued email's `now()`
    await deliverDueEmails(t.db, transport, () => new Date(start));
    const earlier = new Set(fake.emails.map((email) => email.idempotencyKey));

    for (const [index, { mode, error }] of phases.entries()) {
      const addresses = Array.from({ length: BATCH }, () => randomEmail(`invitee${index + 1}`));
      const outcomes = await inviteMembers(t.db, ctx, { emails: addresses.join(", "), role: "member" }, meta);
      expect(outcomes.map((o) => o.outcome)).toEqual(addresses.map(() => "invited"));
      const invitationIds = outcomes.map((o) => (o.outcome === "invited" ? o.invitationId : ""));
      const rows = await t.db.select().from(invitations).where(inArray(invitations.id, invitationIds));
      expect(rows.every((row) => row.lastEmailId && row.status === "pending")).toBe(true);
      const emailIds = invitationIds.map((id) => rows.find((row) => row.id === id)!.lastEmailId!);
      batches.push({ addresses, invitationIds, emailIds });

      fake.setMode(mode);
      const requestsBefore = fake.requests;
      const emailsBefore = fake.emails.length;
      const began = performance.now();
      const outcome = await deliverDueEmails(t.db, transport, () => new Date(start + (index + 1) * HOUR_MS));
      const took = performance.now() - began;

      // Every email still waiting was due, and tried once more in this pass.
      const waiting = batches.flatMap((batch) => batch.emailIds);
      expect(fake.requests - requestsBefore).toBe(waiting.length);
      for (const [done, batch] of batches.entries()) {
        for (const row of await outboxRows(batch.emailIds)) {
          expect(row.attempts).toBe(index - done + 1);
          if (error) {
            expect(row).toMatchObject({ status: "queued", transport: null, sentAt: null });
            expect(row.lastError).toMatch(error);
            expect(row.sealedBody).toBeTruthy(); // still there for the next attempt
          } else {
            expect(row).toMatchObject({
              status: "sent",
              transport: "resend",
              lastError: null,
              sealedBody: null,
            });
            expect(row.providerMessageId).toBe(sentWithKey(row.id)[0]?.id);
          }
        }
      }

      if (mode === "hang") {
        // The provider accepted each email but its answer was lost: the worker gave up on it
        // after the timeout (in parallel, ten at a time), and will ask again.
        expect(outcome).toEqual({ sent: 0, retrying: waiting.length, failed: 0 });
        expect(fake.emails.length - emailsBefore).toBe(waiting.length);
        expect(took).toBeGreaterThanOrEqual(SEND_TIMEOUT_MS - 50);
        expect(took).toBeLessThan(SEND_TIMEOUT_MS * 2 * Math.ceil(waiting.length / 10) + 5_000);
        tried.push(
          `provider hangs past the ${SEND_TIMEOUT_MS} ms send timeout: ${waiting.length} emails given up on, retried later`,
        );
      } else if (error) {
        expect(outcome).toEqual({ sent: 0, retrying: waiting.length, failed: 0 });
        expect(fake.emails.length).toBe(emailsBefore);
        tried.push(`provider answers ${mode}: ${waiting.length} emails kept queued for a retry`);
      } else {
        // Recovered: everything goes, the ones the hanging provider already had without a new email.
        expect(outcome).toEqual({ sent: waiting.length, retrying: 0, failed: 0 });
        expect(fake.emails.length - emailsBefore).toBe(BATCH);
        tried.push(
          `provider recovers: ${waiting.length} emails delivered, ${waiting.length - BATCH} of them re-asked with their idempotency key`,
        );
      }
    }

    // Exactly once each, and nothing the outbox did not hold.
    const allEmailIds = batches.flatMap((batch) => batch.emailIds);
    for (const id of allEmailIds) expect(sentWithKey(id)).toHaveLength(1);
    const invitationKeys = fake.emails
      .map((email) => email.idempotencyKey)
      .filter((key) => !earlier.has(key));
    expect(invitationKeys.sort()).toEqual([...allEmailIds].sort());

    // A later pass finds nothing to do.
    const requestsBefore = fake.requests;
    const idle = await deliverDueEmails(
      t.db,
      transport,
      () => new Date(start + (phases.length + 1) * HOUR_MS),
    );
    expect(idle).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(fake.requests).toBe(requestsBefore);

    // Every invitation committed, and the link in the email that arrived opens it; one of each
    // batch is accepted through it (each accept hashes a password: the rest only open the page).
    for (const batch of batches) {
      for (const [i, address] of batch.addresses.entries()) {
        const [delivered] = sentWithKey(batch.emailIds[i]!);
        expect(delivered?.to).toEqual([address]);
        const token = delivered?.text.match(/https?:\/\/\S+\/invite\/([A-Za-z0-9_-]+)/)?.[1];
        expect(token).toBeTruthy();
        expect(await findInvitationByToken(t.db, token!)).toMatchObject({
          id: batch.invitationIds[i],
          email: address,
        });
        if (i > 0) continue;
        const joined = await acceptInvitationAsNewUser(
          t.db,
          token!,
          { name: "Invited Ivo", password: PASSWORD },
          meta,
        );
        expect(joined.account.shortName).toBe(owner.account.shortName);
      }
    }
    const allInvitationIds = batches.flatMap((batch) => batch.invitationIds);
    const statuses = await t.db
      .select({ id: invitations.id, status: invitations.status })
      .from(invitations)
      .where(inArray(invitations.id, allInvitationIds));
    expect(statuses).toHaveLength(allInvitationIds.length);
    const acceptedIds = batches.map((batch) => batch.invitationIds[0]);
    for (const { id, status } of statuses)
      expect(status).toBe(acceptedIds.includes(id) ? "accepted" : "pending");
    const members = await t.db.select().from(memberships).where(eq(memberships.accountId, owner.account.id));
    expect(members).toHaveLength(1 + batches.length);
  });
});
