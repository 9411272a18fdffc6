import { and, desc, eq, gt, max, ne, or, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, emailOutbox } from "@/db/schema";
import type { Action, Caller } from "@/lib/actions/action";
import { hashPassword } from "@/lib/auth/password";
import { findActiveSession } from "@/lib/auth/sessions";
import { inviteMembers } from "@/lib/invitations/invite";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { issueUserToken } from "@/lib/users/user-tokens";
import { discoverActions } from "@/tests/discover-actions";
import { linkInLatestEmail, memberContextOf, PASSWORD, SIGNED_OUT } from "@/tests/fixtures";
import { changedTables, fingerprinter, type Fingerprint } from "@/tests/fuzz/fingerprint";
import { testRequest, type Cookie } from "@/tests/request-jar";
import { samplingOnPglite, testDatabase } from "@/tests/test-db";
import {
  appPageFiles,
  describeOutcome,
  openPage,
  PAGES,
  scopeOf,
  type Outcome,
  type PageValues,
} from "./app-pages";
import { expectedRefusal, MATRIX, type Row } from "./matrix-rows";
import {
  addVictim,
  answerOf,
  cookieOf,
  freshMeta,
  TRIGGERS,
  type Setting,
  type Trigger,
  type Victim,
} from "./revocation-triggers";
import { sessionAndAccessEnders } from "./session-enders";
import { buildWorld, type Actor } from "./world";

/**
 * The revocation suite (issue 11). Whatever ends a session or takes access away — signing
 * out, a password changed or reset, two-factor turned on or off, an email changed, a session
 * signed out from elsewhere, a user disabled or deleted, a membership removed, disabled or
 * demoted, "log in as" stopped — the cookie the person held before is replayed afterwards on
 * every server action, page, layout and route handler. It must be refused: answered exactly
 * as no cookie is where the session ended, and where the session lives on and only access
 * went, as someone who never had that access is; and nothing may change in the database.
 *
 * Triggers and entry points are listed from the code: every function of lib/ and app/ that
 * ends sessions or memberships (session-enders.ts) must be one of the triggers, every action
 * (the matrix's rows), page, layout and route handler (app-pages.ts) is replayed on.
 *
 * The cookie is Auth.js's own, made while the session lived; pages and route handlers read it
 * through next/headers, the one thing replaced here (with a request holding that cookie).
 * Server actions take its session token through `runAs`, as the authorization matrix calls them.
 */

vi.mock("next/headers", async (importOriginal) => {
  const { nextHeadersOf, testRequest: request } = await import("@/tests/request-jar");
  return { ...(await importOriginal<typeof import("next/headers")>()), ...nextHeadersOf(request) };
});
// connection() marks a page as rendered per request; outside Next's request scope it throws.
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  connection: async () => {},
}));

// Its own database on the server: the fingerprint reads every table.
const t = testDatabase({ isolated: true });

/**
 * Actions the matrix leaves to the end-to-end suite (they need Auth.js). These two take
 * nothing but the cookie, and run here on the request above; the others take credentials (a
 * password, a code, a link) and open a session of their own, so a cookie gives them nothing —
 * signing in over a cookie ends its session, which is one of the triggers.
 */
const RUN_HERE = new Set(["(app)#signOutAction", "(app)#stopImpersonationAction"]);
const TAKE_CREDENTIALS = new Set([
  "(auth)/sign-in#signInAction",
  "(auth)/sign-up#signUpAction",
  "(auth)/sign-in/two-factor#signInWithCodeAction",
  "(auth)/reset-password/[token]#resetPasswordAction",
  "(auth)/set-password/[token]#setFirstPasswordAction",
  "invite/[token]#acceptAsNewUserAction",
  "invite/[token]#signInAndAcceptAction",
]);
/** Actions anyone may call: the cookie's holder must get what the signed out get. */
const isPublic = (row: Row) => row.allowed.includes("signedOut");
/** Whose input (in the matrix's rows) a call uses: the world's Administrator's, wherever they may act. */
const inputActor = (row: Row): Actor =>
  row.allowed.includes("admin") ? "admin" : row.allowed.find((actor) => actor !== "signedOut")!;

let setting: Setting;
let fingerprint: () => Promise<Fingerprint>;
/** One valid input per action, made once (every call with it is refused, so nothing uses it up). */
const inputs = new Map<string, unknown>();
/** Cookies of the world's actors whom the victims are compared with. */
const actorCookies = new Map<Actor, Cookie>();
/** Page values that are the same for every victim. */
let worldPageValues: Pick<
  PageValues,
  "account" | "member" | "project" | "repository" | "joinCode" | "emailChangeToken"
>;
let inviteToVictim: (email: string) => Promise<string>;
const summary: { trigger: string; actions: number; pages: number; notReplayed: number; ms: number }[] = [];

/**
 * The database with raw queries answering a list of rows on PGlite too (postgres.js answers
 * the list, PGlite an object holding it), for the fingerprint, which was written for the server.
 */
function rowsAsArray(db: Db): Db {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== "execute") return Reflect.get(target, property, receiver);
      return async (query: SQL) => {
        const result = (await target.execute(query)) as unknown;
        return Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
      };
    },
  });
}

beforeAll(async () => {
  const db = t.db;
  const world = await buildWorld(db);
  setting = { db, world, actions: await discoverActions(), passwordHash: await hashPassword(PASSWORD) };
  // In the matrix's order: some inputs for one user depend on it (a second session is opened
  // with their password before two-factor is turned on).
  for (const [key, row] of Object.entries(MATRIX)) {
    if (!TAKE_CREDENTIALS.has(key) && !isPublic(row))
      inputs.set(key, await row.input(world, inputActor(row)));
  }
  for (const actor of ["otherAccountMember", "disabled", "guest", "admin"] as const) {
    actorCookies.set(actor, await cookieOf(world.callers[actor].sessionToken!));
  }
  worldPageValues = {
    account: world.account.shortName,
    member: (await memberContextOf(db, world.people.member, world.account.shortName)).membership.id,
    project: world.project.key,
    repository: await world.repository(),
    joinCode: await world.joinCode(),
    emailChangeToken: await world.emailChangeToken(),
  };
  const otherOwner = await memberContextOf(db, world.people.otherAccountOwner, world.otherAccount.shortName);
  inviteToVictim = async (email) => {
    await inviteMembers(db, otherOwner, { emails: email, role: "guest" }, freshMeta());
    return (await linkInLatestEmail(db, email, "/invite/")).token;
  };
  fingerprint = await fingerprinter(rowsAsArray(db));
});

afterAll(() => {
  if (summary.length === 0) return;
  const pages = appPageFiles().length;
  const lines = summary.map(
    (s) =>
      `  ${s.trigger}: ${s.actions} actions and ${s.pages} pages replayed, ${s.notReplayed} not (${Math.round(s.ms)} ms)`,
  );
  console.log(
    `Revocation: ${summary.length} triggers × ${setting.actions.size + pages} entry points ` +
      `(${setting.actions.size} server actions; ${pages} pages, layouts and route handlers). Not replayed: ` +
      `entry points outside a trigger's scope, and actions that take credentials rather than a cookie.\n${lines.join("\n")}`,
  );
});

/** The pages' params for a victim: the world's, and an invitation and links of the victim's, made while they lived. */
async function pageValuesFor(victim: Victim): Promise<PageValues> {
  const { db } = setting;
  const link = (purpose: "verify_email" | "reset_password" | "set_password") =>
    issueUserToken(db, { userId: victim.id, purpose, email: victim.email });
  const [latestEmail] = await db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  return {
    ...worldPageValues,
    inviteToken: await inviteToVictim(victim.email),
    verifyToken: await link("verify_email"),
    resetToken: await link("reset_password"),
    setPasswordToken: await link("set_password"),
    mailboxEmail: latestEmail!.id,
  };
}

/** What the victim did (or someone did as them) after audit event `sinceId`; refusals aside. */
async function auditedAsVictim(victimId: string, sinceId: number) {
  const rows = await setting.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(
      and(
        gt(auditEvents.id, sinceId),
        or(eq(auditEvents.actorUserId, victimId), eq(auditEvents.impersonatorUserId, victimId)),
        ne(auditEvents.action, "authorization.denied"),
      ),
    );
  return rows.map((row) => row.action);
}

async function lastAuditId() {
  const [row] = await setting.db.select({ id: max(auditEvents.id) }).from(auditEvents);
  return row?.id ?? 0;
}

/** An answer with the input's values (a fresh token in a redirect) named, not quoted, so that two calls compare. */
function withoutInput(answer: string, input: unknown): string {
  let named = answer;
  for (const [key, value] of Object.entries((input ?? {}) as Record<string, unknown>)) {
    if (typeof value === "string" && value.length >= 8) named = named.replaceAll(value, `{${key}}`);
  }
  return named;
}

const isServerError = (answer: string) => answer === "unexpected" || answer.startsWith("threw:");

/** Replays the victim's old cookie on every entry point in the trigger's scope; what went wrong, one line each. */
async function replay(trigger: Trigger, victim: Victim, values: PageValues) {
  const { after } = trigger;
  const failures: string[] = [];
  const inScope = (entry: string) => after === "signed_out" || scopeOf(entry) === after.scope;
  const oldCaller: Caller = { sessionToken: victim.old.token, meta: NO_REQUEST_META };

  // Entry points in scope, but those the victim's new standing still reaches (theirs to use).
  const refused: [string, Action<unknown, unknown>, Row][] = [];
  const forAnyone: [string, Action<unknown, unknown>, Row][] = [];
  for (const [key, action] of setting.actions) {
    const row = MATRIX[key]!;
    const stillReached = after !== "signed_out" && row.allowed.includes(after.like);
    if (inScope(key) && !TAKE_CREDENTIALS.has(key) && !stillReached) {
      (isPublic(row) ? forAnyone : refused).push([key, action, row]);
    }
  }
  const pages = appPageFiles().filter(inScope);

  const comparePage = async (file: string) => {
    const outcome = await openPage(file, victim.old, values);
    const reference: [string, Outcome] =
      after === "signed_out"
        ? ["no cookie", await openPage(file, null, values)]
        : [`the world's ${after.like}`, await openPage(file, actorCookies.get(after.like)!, values)];
    // Where the session ended, exactly what no cookie gets (a rendered page in every detail);
    // where it lives on, the same kind of answer as the reference actor's.
    const inDetail =
      after === "signed_out" || outcome.kind !== "rendered" || reference[1].kind !== "rendered";
    const same = !inDetail || JSON.stringify(outcome) === JSON.stringify(reference[1]);
    if (!same || outcome.kind === "error") {
      failures.push(
        `${file}: ${describeOutcome(outcome)}; to ${reference[0]}: ${describeOutcome(reference[1])}`,
      );
    }
  };

  // Refused actions, and pages where the session ended, under one fingerprint (it reads every
  // row of every table): none of them may change anything.
  const before = await fingerprint();
  for (const [key, action, row] of refused) {
    const want =
      after === "signed_out" ? expectedRefusal("signedOut", row) : expectedRefusal(after.like, row);
    const answer = await answerOf(action, oldCaller, inputs.get(key));
    if (answer !== want) failures.push(`${key}: answered "${answer}", not "${want}"`);
  }
  if (after === "signed_out") for (const file of pages) await comparePage(file);
  const changed = changedTables(before, await fingerprint());
  if (changed.length > 0) failures.push(`the replay changed the database: ${changed.join("; ")}`);

  // Public actions: what the signed out get, each call with fresh targets (these may change
  // things, for anyone).
  for (const [key, action, row] of forAnyone) {
    const answerTo = async (caller: Caller) => {
      const input = await row.input(setting.world, inputActor(row));
      if (caller.sessionToken) testRequest.cookies = new Map(victim.old.jar);
      return withoutInput(await answerOf(action, { ...caller, meta: freshMeta() }, input), input);
    };
    const withCookie = await answerTo(oldCaller);
    const signedOut = await answerTo(SIGNED_OUT);
    if (withCookie !== signedOut || isServerError(withCookie)) {
      failures.push(`${key}: answered "${withCookie}"; the signed out: "${signedOut}"`);
    }
  }
  // Pages where the session lives on: opening them records what it should (the account last used).
  if (after !== "signed_out") for (const file of pages) await comparePage(file);

  const notReplayed =
    setting.actions.size + appPageFiles().length - refused.length - forAnyone.length - pages.length;
  return { failures, actions: refused.length + forAnyone.length, pages: pages.length, notReplayed };
}

describe("the revocation suite covers", () => {
  it("every function that ends sessions or memberships, as a trigger (and names no other)", () => {
    const covered = new Set(TRIGGERS.flatMap((trigger) => trigger.ends));
    expect([...covered].sort()).toEqual(sessionAndAccessEnders());
  });

  it("every page, layout and route handler of the app", () => {
    expect(Object.keys(PAGES).sort()).toEqual(appPageFiles());
  });

  it("every server action, with the authorization matrix's input", () => {
    expect([...setting.actions.keys()].sort()).toEqual(Object.keys(MATRIX).sort());
    // An action only the end-to-end suite runs is replayed here, or said to take credentials.
    const endToEndOnly = Object.entries(MATRIX).filter(([, row]) => row.endToEndOnly);
    expect(endToEndOnly.map(([key]) => key).sort()).toEqual([...RUN_HERE, ...TAKE_CREDENTIALS].sort());
  });
});

/**
 * Every trigger; on PGlite while PostgreSQL replays after every one (tests/test-db.ts), the
 * first of each kind of "after" (signed out; access gone, by scope and standing), so the
 * replay's queries and the fingerprint run there too.
 */
function triggersToReplay(): Trigger[] {
  if (!samplingOnPglite) return TRIGGERS;
  const kinds = new Set<string>();
  return TRIGGERS.filter(({ after }) => {
    const kind = after === "signed_out" ? after : `${after.like} ${after.scope}`;
    if (kinds.has(kind)) return false;
    kinds.add(kind);
    return true;
  });
}

describe("the cookie held before, replayed after", () => {
  for (const trigger of triggersToReplay()) {
    it(trigger.name, { timeout: 120_000 }, async () => {
      const started = performance.now();
      const victim = await addVictim(setting, trigger.victim);
      const values = await pageValuesFor(victim);
      // Before: the cookie works (else refusals after would prove nothing).
      expect(await findActiveSession(setting.db, victim.old.token), "the session, before").not.toBeNull();
      expect((await openPage("(app)/layout.tsx", victim.old, values)).kind, "a page, before").toBe(
        "rendered",
      );

      await trigger.run(victim, setting);

      const session = await findActiveSession(setting.db, victim.old.token);
      if (trigger.after === "signed_out") expect(session, "the session, after").toBeNull();
      else expect(session, `the session, after (it lives on: ${trigger.after.why})`).not.toBeNull();
      const sinceAudit = await lastAuditId();
      const { failures, ...counts } = await replay(trigger, victim, values);
      const audited = await auditedAsVictim(victim.id, sinceAudit);
      if (audited.length > 0) failures.push(`recorded as done by the victim: ${audited.join(", ")}`);
      summary.push({ trigger: trigger.name, ...counts, ms: performance.now() - started });
      expect(failures, `after ${trigger.name}, the old cookie was not refused everywhere`).toEqual([]);
    });
  }
});
