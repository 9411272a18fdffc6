import { setTimeout as sleep } from "node:timers/promises";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { connectPostgres, migrateDatabase, type Database, type Db } from "@/db/client";
import { emailOutbox, invitations, memberships, users } from "@/db/schema";
import { deliverDueEmails } from "@/lib/email/delivery";
import { unsealBody } from "@/lib/email/seal";
import { resendTransport, type Transport } from "@/lib/email/transports";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { acceptInvitationAsNewUser } from "@/lib/invitations/accept";
import { inviteMembers } from "@/lib/invitations/invite";
import { changeMemberRole } from "@/lib/members/manage";
import { startFakeResend, type FakeResend } from "@/tests/fake-resend/server";
import {
  createUserWithAccount,
  memberContextOf,
  onPlan,
  PASSWORD,
  randomEmail,
  randomShortName,
  signUp,
} from "@/tests/fixtures";
import { onPostgres } from "@/tests/test-db";
import { findPostgresBinaries, startOwnPostgres, type OwnPostgres } from "./own-postgres";

/**
 * Fault suite (issue 11): PostgreSQL restarted under load. The test starts a PostgreSQL server
 * of its own, points one Db at it — as the app holds one — and runs real operations through
 * lib/ in a loop (sign-ups, invitations, accepts, role changes, and the email worker's passes)
 * while the server is restarted (`pg_ctl restart -m fast`) and then crashed (`stop -m
 * immediate`), left down a moment, and started again. Operations during an outage must fail
 * with a connection error, never hang; the same Db must work again within seconds of the server
 * being back, with nobody restarting it; nothing may be half-written (checked in SQL); every
 * operation that reported success must have stuck; and the outbox then delivers every email
 * it holds exactly once.
 *
 * Runs in the postgres project only (once per run; it needs the server binaries, not the shared
 * server), and is skipped, saying why, where initdb and pg_ctl are missing.
 */

const bin = findPostgresBinaries();
const skipped = !onPostgres
  ? "it runs once, in the postgres project"
  : !bin
    ? "no initdb and pg_ctl under /usr/lib/postgresql/*/bin"
    : null;

const meta = NO_REQUEST_META;
/** No operation may take longer than this, outage or not: past it, it counts as hung. */
const OPERATION_BOUND_MS = 10_000;
/** After the server is back, the Db must serve an operation within this. */
const RECOVERY_BOUND_MS = 5_000;
/** How long the load runs before a fault, and after recovery. */
const STEADY_MS = 1_500;
/** How long the crashed server stays down. */
const DOWN_MS = 1_500;

/** Errors that say the server went away — what an operation during an outage may fail with. */
const CONNECTION_LOST = new Set([
  "CONNECTION_CLOSED", // postgres.js: the server closed the connection
  "CONNECTION_DESTROYED",
  "ECONNREFUSED", // the server is down
  "ECONNRESET",
  "EPIPE",
  "57P01", // admin_shutdown: terminating connection due to administrator command
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: the database system is starting up / shutting down
]);

/** The codes on an error and its causes (Drizzle wraps the driver's error). */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (
    let e = error;
    e instanceof Error || (e && typeof e === "object");
    e = (e as { cause?: unknown }).cause
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    if (codes.length > 5) break;
  }
  return codes;
}

/** What an operation failed with, for the summary: a connection-loss code, or `unexpected:` with a code or class (never the message: it can hold query parameters). */
function failureOf(error: unknown): string {
  const codes = codesOf(error);
  const lost = codes.find((code) => CONNECTION_LOST.has(code) || code.startsWith("08"));
  if (lost) return lost;
  return `unexpected:${codes.join("/") || (error instanceof Error ? error.name : typeof error)}`;
}

type Kind = "sign-up" | "invite" | "accept" | "change-role" | "deliver";
/** An operation that found nothing to do (no invitation to accept yet): not counted. */
const IDLE = "idle";

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
type Operation = { kind: Kind; started: number; ended: number; failure: string | null };

describe.skipIf(skipped)(`PostgreSQL restarted under load${skipped ? ` (skipped: ${skipped})` : ""}`, () => {
  let server: OwnPostgres;
  let database: Database;
  let fake: FakeResend;
  let transport: Transport;
  const summary: string[] = [];

  beforeAll(async () => {
    process.env.AUTH_SECRET ||= "integration-tests-secret-not-for-production";
    server = await startOwnPostgres(bin!);
    const migrating = await connectPostgres(server.url, { max: 1 });
    await migrateDatabase(migrating);
    await migrating.close();
    database = await connectPostgres(server.url); // the app's own settings
    fake = await startFakeResend();
    process.env.RESEND_BASE_URL = fake.url; // read by the Resend SDK when the transport is made
    transport = resendTransport("re_test_key", { timeoutMs: 2_000 });
  });

  let failed = false;
  afterAll(async () => {
    if (failed && server) console.log(`The test server's log, last lines:\n${server.logTail()}`);
    await database?.close().catch(() => {});
    await fake?.stop();
    if (server) {
      await server.remove();
      // Nothing of the server may outlive the suite.
      let leftovers = server.leftovers();
      for (let waited = 0; leftovers.length > 0 && waited < 3_000; waited += 100) {
        await sleep(100);
        leftovers = server.leftovers();
      }
      for (const { pid } of leftovers) process.kill(pid, "SIGKILL");
      expect(leftovers, "PostgreSQL processes left running (now killed)").toEqual([]);
    }
    if (summary.length > 0)
      console.log(`Fault suite, PostgreSQL restarted under load:\n${summary.join("\n")}`);
  });

  it(
    "operations fail fast while it is down, the same Db recovers by itself, nothing is half-written, every email goes once",
    { timeout: 90_000 },
    async () => {
      onTestFailed(() => {
        failed = true;
      });
      const db: Db = database.db;
      const clockStart = performance.now();
      const now = () => performance.now() - clockStart;

      // ── Three owners, one per client loop (so each loop's role changes are its own, in order) ──
      const owners: (Awaited<ReturnType<typeof signUp>> & {
        ctx: Awaited<ReturnType<typeof memberContextOf>>;
      })[] = [];
      for (const name of ["Ann", "Bob", "Cy"]) {
        const person = await signUp(db, { name: `Owner ${name}` });
        await onPlan(db, person.account.id, "business");
        owners.push({ ...person, ctx: await memberContextOf(db, person.user, person.account.shortName) });
      }

      // ── What succeeded, to check afterwards that it stuck ──
      const operations: Operation[] = [];
      const signedUp: string[] = [];
      const invited: { accountId: string; email: string; invitationId: string }[] = [];
      const joined: { accountId: string; email: string }[] = [];
      type Member = {
        membershipId: string;
        role: "admin" | "member";
        changes: { to: string; ok: boolean }[];
      };
      const membersOf = owners.map((): Member[] => []);
      const toAccept = owners.map((): { email: string; accountId: string }[] => []);

      const sentWithKey = (id: string) => fake.emails.filter((email) => email.idempotencyKey === id);
      async function invitationToken(email: string) {
        const [row] = await db
          .select({ id: emailOutbox.id, sealedBody: emailOutbox.sealedBody })
          .from(emailOutbox)
          .where(eq(emailOutbox.to, email))
          .orderBy(desc(emailOutbox.createdAt))
          .limit(1);
        // Still in the outbox, or already delivered (the body is dropped once the provider has it).
        const text = row?.sealedBody ? unsealBody(row.sealedBody).text : sentWithKey(row?.id ?? "")[0]?.text;
        const token = text?.match(/\/invite\/([A-Za-z0-9_-]+)/)?.[1];
        if (!token) throw new Error(`no invitation link for ${email}`);
        return token;
      }

      const operationsOf = (loop: number): Record<Exclude<Kind, "deliver">, () => Promise<unknown>> => {
        const owner = owners[loop]!;
        return {
          "sign-up": async () => {
            const email = randomEmail("load");
            await createUserWithAccount(db, {
              name: "Load Lena",
              email,
              password: PASSWORD,
              shortName: randomShortName("load"),
            });
            signedUp.push(email);
          },
          invite: async () => {
            const email = randomEmail("guest");
            const [outcome] = await inviteMembers(db, owner.ctx, { emails: email, role: "member" }, meta);
            if (outcome?.outcome !== "invited") throw new Error(`not invited: ${outcome?.outcome}`);
            invited.push({ accountId: owner.account.id, email, invitationId: outcome.invitationId });
            toAccept[loop]!.push({ email, accountId: owner.account.id });
          },
          accept: async () => {
            const next = toAccept[loop]!.shift(); // tried once: an attempt that failed may still have committed
            if (!next) return IDLE;
            const token = await invitationToken(next.email);
            await acceptInvitationAsNewUser(db, token, { name: "Guest Gus", password: PASSWORD }, meta);
            joined.push(next);
            const [membership] = await db
              .select({ id: memberships.id })
              .from(memberships)
              .innerJoin(users, eq(users.id, memberships.userId))
              .where(and(eq(memberships.accountId, next.accountId), eq(users.email, next.email)));
            membersOf[loop]!.push({ membershipId: membership!.id, role: "member", changes: [] });
          },
          "change-role": async () => {
            const member = membersOf[loop]![Math.floor(Math.random() * membersOf[loop]!.length)];
            if (!member) return IDLE;
            const change = { to: member.role === "admin" ? "member" : "admin", ok: false };
            member.changes.push(change);
            await changeMemberRole(db, owner.ctx, member.membershipId, change.to, meta);
            change.ok = true;
            member.role = change.to as Member["role"];
          },
        };
      };

      // ── The load: three client loops and the email worker, until told to stop ──
      let stopping = false;
      const HUNG = Symbol("hung");
      const hungThen: string[] = [];
      async function attempt(kind: Kind, operation: () => Promise<unknown>) {
        const started = now();
        let failure: string | null = null;
        const bound = new AbortController();
        try {
          const work = operation();
          const outcome = await Promise.race([
            work,
            sleep(OPERATION_BOUND_MS, HUNG, { signal: bound.signal }).catch(() => HUNG),
          ]);
          if (outcome === HUNG) {
            failure = "hung";
            // How it ended in the end, if it did, for the summary.
            work.then(
              () => hungThen.push(`${kind}: ok`),
              (error: unknown) => hungThen.push(`${kind}: ${failureOf(error)}`),
            );
          }
          if (outcome === IDLE) return;
        } catch (error) {
          failure = failureOf(error);
        } finally {
          bound.abort();
        }
        operations.push({ kind, started, ended: now(), failure });
        if (failure) await sleep(50); // as a client would before trying again
      }
      const kinds = ["invite", "accept", "change-role", "sign-up"] as const;
      const clientLoop = async (loop: number) => {
        const ops = operationsOf(loop);
        for (let i = loop; !stopping; i++) {
          const kind = kinds[i % kinds.length]!;
          await attempt(kind, ops[kind]);
        }
      };
      const workerLoop = async () => {
        while (!stopping) {
          await attempt("deliver", () => deliverDueEmails(db, transport, () => new Date(Date.now() + 1_000)));
          await sleep(100);
        }
      };
      const load = Promise.all([...owners.map((_, loop) => clientLoop(loop)), workerLoop()]);

      /** Waits for an operation begun after `since` to succeed: how long after `since` it ended. */
      async function recoveredAfter(since: number) {
        for (;;) {
          const ok = operations.find((op) => op.started >= since && !op.failure);
          if (ok) return ok.ended - since;
          if (now() - since > OPERATION_BOUND_MS * 2) return Infinity;
          await sleep(50);
        }
      }

      const faults: { name: string; down: number; up: number; recoveredIn: number }[] = [];
      async function fault(name: string, act: () => Promise<void>) {
        const down = now();
        await act();
        const up = now();
        const recoveredIn = await recoveredAfter(up);
        faults.push({ name, down, up, recoveredIn });
        await sleep(STEADY_MS);
      }

      try {
        await sleep(STEADY_MS);
        await fault("planned restart (pg_ctl restart -m fast)", () => server.restart("fast"));
        await fault(`crash (pg_ctl stop -m immediate), down ${DOWN_MS} ms, then started`, async () => {
          await server.stop("immediate");
          await sleep(DOWN_MS);
          await server.start();
        });
      } finally {
        stopping = true;
        await load;
      }

      // ── During the outages: failures with connection errors only, nothing hung ──
      const failures = operations.filter((op) => op.failure);
      const byFailure = groupBy(failures, (op) => op.failure!);
      const longest = Math.max(...operations.map((op) => op.ended - op.started));
      for (const { name, down, up, recoveredIn } of faults) {
        const during = operations.filter((op) => op.ended >= down && op.started <= up);
        summary.push(
          `  - ${name}: down ${Math.round(up - down)} ms; ${during.filter((op) => op.failure).length} of ${during.length} operations in the outage failed; ` +
            `the Db served again ${Math.round(recoveredIn)} ms after the server was back`,
        );
      }
      const kindsSummary = groupBy(operations, (op) => op.kind);
      summary.push(
        `  operations: ${operations.length} (${[...kindsSummary].map(([kind, ops]) => `${kind} ${ops.filter((op) => !op.failure).length}/${ops.length} ok`).join(", ")}); ` +
          `failures by cause: ${[...byFailure].map(([cause, ops]) => `${cause} ${ops.length}`).join(", ") || "none"}; longest operation ${Math.round(longest)} ms`,
      );
      for (const op of operations.filter((o) => o.failure === "hung"))
        summary.push(`  hung: ${op.kind}, begun at ${Math.round(op.started)} ms`);
      if (hungThen.length > 0) summary.push(`  operations that hung ended later: ${hungThen.join(", ")}`);
      expect(
        [...byFailure.keys()].filter((cause) => !CONNECTION_LOST.has(cause) && !cause.startsWith("08")),
      ).toEqual([]);
      expect(longest).toBeLessThan(OPERATION_BOUND_MS);
      for (const { name, down, up, recoveredIn } of faults) {
        const failedDuring = failures.filter((op) => op.ended >= down && op.started <= up);
        expect(failedDuring.length, `no operation failed during: ${name}`).toBeGreaterThan(0);
        expect(recoveredIn, `recovery after: ${name}`).toBeLessThan(RECOVERY_BOUND_MS);
      }
      // After the last recovery, every kind of operation worked again.
      const lastUp = faults.at(-1)!.up;
      for (const kind of ["invite", "accept", "change-role", "sign-up", "deliver"] as const) {
        expect(
          operations.some((op) => op.kind === kind && op.started >= lastUp && !op.failure),
          `${kind} works after the recovery`,
        ).toBe(true);
      }

      // ── Nothing half-written (every check lists the offending rows: none) ──
      const invariants = {
        "accounts without exactly one owner": sql`
        SELECT a.id FROM accounts a LEFT JOIN memberships m ON m.account_id = a.id AND m.role = 'owner'
        GROUP BY a.id HAVING count(m.id) <> 1`,
        "memberships without their user or account": sql`
        SELECT m.id FROM memberships m LEFT JOIN users u ON u.id = m.user_id LEFT JOIN accounts a ON a.id = m.account_id
        WHERE u.id IS NULL OR a.id IS NULL`,
        "users without any membership (a sign-up or an accept half-done)": sql`
        SELECT u.id FROM users u WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)`,
        "invitations whose email is not in the outbox": sql`
        SELECT i.id FROM invitations i
        LEFT JOIN email_outbox e ON e.id = i.last_email_id AND lower(e."to") = lower(i.email::text)
        WHERE e.id IS NULL`,
        "accepted invitations without the membership they made": sql`
        SELECT i.id FROM invitations i WHERE i.status = 'accepted' AND NOT EXISTS (
          SELECT 1 FROM memberships m WHERE m.account_id = i.account_id AND m.user_id = i.responded_by_user_id)`,
        "accounts whose member count drifted": sql`
        SELECT a.id FROM accounts a
        WHERE a.member_count <> (SELECT count(*) FROM memberships m WHERE m.account_id = a.id)`,
      };
      for (const [name, query] of Object.entries(invariants)) {
        expect(await db.execute(query), name).toHaveLength(0);
      }

      // ── Everything reported as done stuck ──
      const userEmails = new Set((await db.select({ email: users.email }).from(users)).map((u) => u.email));
      expect(
        signedUp.filter((email) => !userEmails.has(email)),
        "sign-ups lost",
      ).toEqual([]);
      const invitationRows = invited.length
        ? await db
            .select()
            .from(invitations)
            .where(
              inArray(
                invitations.id,
                invited.map((i) => i.invitationId),
              ),
            )
        : [];
      expect(invitationRows, "invitations lost").toHaveLength(invited.length);
      const joinedRows = await db
        .select({ accountId: memberships.accountId, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId));
      const joinedKeys = new Set(joinedRows.map((row) => `${row.accountId} ${row.email}`));
      expect(
        joined.filter((j) => !joinedKeys.has(`${j.accountId} ${j.email}`)),
        "accepts lost",
      ).toEqual([]);
      // A member's role is the last change that succeeded — or a later one whose answer was lost.
      const roles = new Map(
        (await db.select({ id: memberships.id, role: memberships.role }).from(memberships)).map((m) => [
          m.id,
          m.role,
        ]),
      );
      for (const member of membersOf.flat()) {
        const lastOk = member.changes.findLastIndex((change) => change.ok);
        const possible = new Set([lastOk < 0 ? "member" : member.changes[lastOk]!.to]);
        for (const change of member.changes.slice(lastOk + 1)) possible.add(change.to);
        expect(possible, `role of ${member.membershipId}`).toContain(roles.get(member.membershipId));
      }

      // ── The outbox then delivers every email exactly once (a pass later than every retry and lease) ──
      const requestsBefore = fake.requests;
      let drained = { sent: 0, retrying: 0, failed: 0 };
      // postgres.js can hand one later query an error left over from the outage (57P01, 57P03)
      // on a connection it had been opening: the worker meets it as a failed pass and runs the
      // next one, and so does this — once.
      let brokenPasses = 0;
      for (let pass = 1; pass <= 4; pass++) {
        let outcome: Awaited<ReturnType<typeof deliverDueEmails>>;
        try {
          outcome = await deliverDueEmails(db, transport, () => new Date(Date.now() + pass * 2 * 3600_000));
        } catch (error) {
          brokenPasses += 1;
          expect(brokenPasses, `a second broken pass: ${String(error)}`).toBe(1);
          continue;
        }
        drained = {
          sent: drained.sent + outcome.sent,
          retrying: drained.retrying + outcome.retrying,
          failed: drained.failed + outcome.failed,
        };
      }
      const outbox = await db
        .select({ id: emailOutbox.id, status: emailOutbox.status, attempts: emailOutbox.attempts })
        .from(emailOutbox);
      expect(
        outbox.filter((email) => email.status !== "sent"),
        "emails not sent",
      ).toEqual([]);
      for (const { id } of outbox) expect(sentWithKey(id), `email ${id} sent once`).toHaveLength(1);
      expect(fake.emails.map((email) => email.idempotencyKey).sort()).toEqual(
        outbox.map((email) => email.id).sort(),
      );
      const resent = fake.requests - outbox.length; // requests beyond one per email: retries with the same key
      summary.push(
        `  outbox: ${outbox.length} emails, each delivered once (${requestsBefore} requests during the load, ${fake.requests - requestsBefore} in the final pass, ` +
          `${resent} repeated with their idempotency key); ${Object.keys(invariants).length} invariants hold; ` +
          `${signedUp.length} sign-ups, ${invited.length} invitations, ${joined.length} accepts and ${
            membersOf
              .flat()
              .flatMap((m) => m.changes)
              .filter((c) => c.ok).length
          } role changes reported done, all found`,
      );
    },
  );
});
