import { createHash } from "node:crypto";
import fc from "fast-check";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accounts, memberships, projects, sessions, users } from "@/db/schema";
import { isRedirect, type Action, type Caller } from "@/lib/actions/action";
import type { ActionResult } from "@/lib/actions/result";
import { createSession, findActiveSession } from "@/lib/auth/sessions";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { takeRateLimit } from "@/lib/rate-limit/rate-limit";
import { buildWorld, type World } from "@/tests/authorization/world";
import { discoverActions } from "@/tests/discover-actions";
import { testRequest } from "@/tests/request-jar";
import { onPostgres, testDatabase } from "@/tests/test-db";
import { changedTables, fingerprinter, type Fingerprint } from "./fingerprint";
import { inputsFor } from "./inputs";
import { ownerMembershipId, OWN_TARGETS, worldValues, type FieldValues } from "./world-values";

/**
 * Fuzzing every server action (issue 11): whatever input arrives — random JSON or form fields,
 * extra keys, huge strings, lists where one value belongs, unicode edge cases, another
 * account's names — an action answers with a clear refusal or does its job. Never an
 * unexpected error (the "Something went wrong" a user would see as a 500), never database
 * error text in its answer, and never a change to the database when it refuses.
 *
 * Each action is called as the owner of the world's account (the most powerful caller, so
 * input reaches the deepest code; the platform console's actions as a platform operator),
 * in a session that works (a new one after a call that ended it). Actions are listed
 * from app/ like the authorization matrix lists them, so a new one is fuzzed without asking.
 *
 * Runs on the PostgreSQL server only, in a database of its own (the fingerprint covers every
 * table): `FUZZ_SEED` varies the cases (fixed by default), `FUZZ_RUNS` scales how many.
 */

// Auth.js (sign-in, sign-out) and a few actions read the request through next/headers. runAs
// runs below the request, so each call gets a request of its own: a cookie jar that starts
// empty (tests/request-jar.ts). Nothing of the app's own is replaced.
vi.mock("next/headers", async (importOriginal) => {
  const { nextHeadersOf, testRequest } = await import("@/tests/request-jar");
  return { ...(await importOriginal<typeof import("next/headers")>()), ...nextHeadersOf(testRequest) };
});

const RUNS = Number(process.env.FUZZ_RUNS || 120);
const SEED = Number(process.env.FUZZ_SEED || 20261202);

/**
 * Actions that hash or check a password (argon2 is slow on purpose), render and queue email
 * (and hit their sending limits), or sign in through Auth.js: fewer runs, never none.
 */
const FEWER_RUNS: Record<string, number> = {
  "(auth)/sign-up#signUpAction": 0.25, // argon2 hash, a confirmation email
  "(auth)/sign-in#signInAction": 0.25, // argon2 check (of a dummy hash for unknown addresses)
  "(auth)/forgot-password#requestPasswordResetAction": 0.5, // an email
  "(app)#resendVerificationEmailAction": 0.5, // an email
  "(app)/profile#changePasswordAction": 0.25, // argon2 check
  "(app)/profile#requestEmailChangeAction": 0.25, // argon2 check, emails
  "(app)/profile/two-factor#confirmEnrolmentAction": 0.25, // argon2 check
  "(app)/profile/two-factor#disableTwoFactorAction": 0.25, // argon2 check
  "(app)/a/[account]/members#inviteMembersAction": 0.5, // emails
  "(app)/a/[account]/members#resendInvitationAction": 0.5, // an email
  "(app)/a/[account]/members/new#addPersonAction": 0.5, // an email
  "(app)/a/[account]/members/[member]#transferOwnershipAction": 0.25, // argon2 check
  "(app)/a/[account]/members/[member]#sendPasswordResetLinkAction": 0.5, // an email
  "(app)/a/[account]/members/[member]#forcePasswordResetAction": 0.5, // an email
  "join/[code]#requestToJoinAction": 0.5, // an email
  "invite/[token]#acceptAsNewUserAction": 0.25, // argon2 hash
  "invite/[token]#signInAndAcceptAction": 0.25, // Auth.js sign-in, argon2 check
};

/** The platform console's actions are an operator's; every other action, the owner's. */
const isOperatorAction = (key: string) => key.startsWith("admin#");

/** Database error text, a stack or a source location: never part of an answer. */
const DATABASE_TEXT =
  /violates|constraint|duplicate key|syntax error|invalid input syntax|invalid byte sequence|value too long|out of range|null value in column|relation "|column "|SQLSTATE|PostgresError|Failed query|\n\s+at |\.tsx?:\d+/i;

/** The longest a call may take: far above any honest call on a busy machine (argon2 included). */
const SLOWEST_MS = 10_000;

type Stats = { cases: number; parsed: number; ok: number; slowestMs: number };

const t = onPostgres ? testDatabase({ isolated: true }) : null;
// Listed at collection, so each action is a test of its own (and none is missed).
const actions = onPostgres ? await discoverActions() : new Map<string, Action<unknown, unknown>>();
const stats = new Map<string, Stats>();

let world: World;
let sharedValues: FieldValues;
let fingerprint: () => Promise<Fingerprint>;
let ownerMembership: string;

const liveCallers = new Map<string, Caller>();
/** The database as the last call left it (null when something else may have changed it since). */
let baseline: Fingerprint | null = null;

/** A caller whose session works: the last one, or a new one if a call ended it (signing out does). */
async function liveCaller(userId: string): Promise<Caller> {
  const last = liveCallers.get(userId);
  if (last?.sessionToken && (await findActiveSession(t!.db, last.sessionToken))) return last;
  const caller = { sessionToken: await createSession(t!.db, userId, NO_REQUEST_META), meta: NO_REQUEST_META };
  liveCallers.set(userId, caller);
  baseline = null;
  return caller;
}

/** Calls an action once and checks its answer (and the database, when it refused). */
async function tryInput(key: string, action: Action<unknown, unknown>, input: unknown) {
  const stat = stats.get(key)!;
  stat.cases++;
  const parsed = action.schema.safeParse(input).success;
  testRequest.cookies.clear();
  const userId = isOperatorAction(key) ? world.people.operator.id : world.people.owner.id;
  // Input its schema refuses never reaches the database: no session nor fingerprint is needed.
  const caller = parsed ? await liveCaller(userId) : world.callers.owner;
  const before = parsed ? (baseline ?? (await fingerprint())) : null;
  if (before) baseline = null; // until the call is over
  const started = performance.now();
  let result: ActionResult<unknown>;
  try {
    result = await action.runAs(caller, input);
  } catch (error) {
    if (!isRedirect(error)) throw error;
    result = { ok: true, data: "(redirected)" }; // redirect() after success
  }
  const tookMs = performance.now() - started;
  stat.slowestMs = Math.max(stat.slowestMs, tookMs);
  expect(tookMs, "milliseconds to answer: longer is a denial of service").toBeLessThan(SLOWEST_MS);
  expect(JSON.stringify(result)).not.toMatch(DATABASE_TEXT);
  if (!before) {
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    return;
  }
  stat.parsed++;
  const after = (baseline = await fingerprint());
  if (result.ok) {
    stat.ok++;
    return;
  }
  expect(result.code, result.error).not.toBe("unexpected");
  expect(changedTables(before, after), "changed on refusal").toEqual([]);
}

/**
 * The world's owner still owns the account and may use it; what a successful call may have
 * turned on or off for everyone (two-factor required, the plan, an archived project) is put back.
 */
async function checkAndResetWorld(key: string) {
  const db = t!.db;
  await db
    .update(accounts)
    .set({ requireTwoFactorForAdmins: false, plan: "business" })
    .where(eq(accounts.id, world.account.id));
  await db.update(projects).set({ archivedAt: null }).where(eq(projects.accountId, world.account.id));
  const [owner] = await db
    .select({ role: memberships.role, disabledAt: memberships.disabledAt, userDisabledAt: users.disabledAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.id, ownerMembership));
  expect(owner, `after fuzzing ${key}, the world's owner`).toEqual({
    role: "owner",
    disabledAt: null,
    userDisabledAt: null,
  });
}

const seedOf = (key: string) => (SEED + createHash("sha256").update(key).digest().readUInt32BE(0)) | 0;

describe.skipIf(!onPostgres)("fuzzing every server action", () => {
  beforeAll(async () => {
    world = await buildWorld(t!.db);
    sharedValues = await worldValues(world);
    fingerprint = await fingerprinter(t!.db);
    ownerMembership = await ownerMembershipId(world);
    for (const key of actions.keys()) stats.set(key, { cases: 0, parsed: 0, ok: 0, slowestMs: 0 });
  });

  afterAll(() => {
    const lines = [...stats].map(
      ([key, s]) =>
        `  ${key}: ${s.cases} cases (${s.parsed} past validation, ${s.ok} ok; slowest ${Math.round(s.slowestMs)} ms)`,
    );
    const total = [...stats.values()].reduce((sum, s) => sum + s.cases, 0);
    console.log(
      `Fuzzed ${stats.size} server actions with seed ${SEED} (FUZZ_RUNS=${RUNS}):\n${lines.join("\n")}\n  total: ${total} cases`,
    );
  });

  it("finds every server action, each built with lib/actions/action.ts", () => {
    expect(actions.size).toBeGreaterThan(0);
    for (const [key, action] of actions) {
      expect(typeof action.runAs, `${key}.runAs`).toBe("function");
      expect(action.schema, `${key}.schema`).toBeDefined();
    }
    // Every entry of the lists below names an action that exists.
    const named = [...Object.keys(FEWER_RUNS), ...Object.keys(OWN_TARGETS)];
    expect(named.filter((key) => !actions.has(key))).toEqual([]);
  });

  it("notices a change to any row, but not to what a refusal may change", async () => {
    const before = await fingerprint();
    await t!.db
      .update(accounts)
      .set({ displayName: `Fingerprinted ${Date.now()}` })
      .where(eq(accounts.id, world.otherAccount.id));
    const afterChange = await fingerprint();
    expect(changedTables(before, afterChange)).toEqual([expect.stringMatching(/^accounts: /)]);
    // Activity recorded on a session, a rate limit counted: what a refusal may change.
    await t!.db.update(sessions).set({ lastSeenAt: new Date() });
    await takeRateLimit(t!.db, "fuzz:fingerprint", { limit: 1, windowSeconds: 60 });
    expect(changedTables(afterChange, await fingerprint())).toEqual([]);
  });

  for (const [key, action] of actions) {
    it(key, { timeout: 150_000 }, async () => {
      const numRuns = Math.max(5, Math.round(RUNS * (FEWER_RUNS[key] ?? 1)));
      const values = { ...sharedValues, ...(await OWN_TARGETS[key]?.(world)) };
      baseline = null;
      await fc.assert(
        fc.asyncProperty(inputsFor(action.schema, values), (input) => tryInput(key, action, input)),
        // Stopped well before the test's timeout: calls still running would change the database
        // under the next action's checks.
        { seed: seedOf(key), numRuns, interruptAfterTimeLimit: 120_000, markInterruptAsFailure: true },
      );
      await checkAndResetWorld(key);
    });
  }

  it("fuzzed every server action it found", () => {
    const missed = [...stats].filter(([, s]) => s.cases === 0).map(([key]) => key);
    expect(missed).toEqual([]);
  });
});
