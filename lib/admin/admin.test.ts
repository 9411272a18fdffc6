import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, auditEvents, memberships, sessions, users } from "@/db/schema";
import { findActiveSession } from "@/lib/auth/sessions";
import { SIGN_IN_FAILED, signInWithPassword } from "@/lib/auth/sign-in";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import {
  PASSWORD,
  passwordSession,
  randomEmail,
  randomShortName,
  signUp,
  signUpAndJoin,
} from "@/tests/fixtures";
import { onPostgres, testDatabase } from "@/tests/test-db";
import { listAccounts, listUsers, type UserSort } from "./lists";
import {
  changeAccountPlan,
  deleteUser,
  makeOperatorByEmail,
  NOT_YOURSELF,
  OWNS_ACCOUNTS,
  setOperator,
  setUserDisabled,
} from "./manage-users";
import { isOperator } from "./operator";

const t = testDatabase();
const meta = NO_REQUEST_META;

/** A fresh platform operator (signed up with an account of their own). */
async function operator() {
  const person = await signUp(t.db, { name: "Opal Operator" });
  await makeOperatorByEmail(t.db, person.email, meta);
  return { ...person, op: { id: person.user.id, email: person.email } };
}

/** A user with no account of their own: a member of someone else's account only. */
async function nonOwner() {
  const host = await signUp(t.db, { name: "Host" });
  const guest = await signUpAndJoin(t.db, host.account.id, "member", "Nora Nonowner");
  await t.db.delete(accounts).where(eq(accounts.id, guest.account.id));
  return guest;
}

const eventsFor = (userId: string) =>
  t.db
    .select({ action: auditEvents.action, actorUserId: auditEvents.actorUserId, data: auditEvents.data })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.targetType, "user"),
        eq(auditEvents.targetId, userId),
        like(auditEvents.action, "operator.%"),
      ),
    )
    .orderBy(auditEvents.id);

describe("make-operator", () => {
  it("marks an existing user as operator, once, and audits it", async () => {
    const person = await signUp(t.db);
    expect(await isOperator(t.db, person.user.id)).toBe(false);
    expect((await makeOperatorByEmail(t.db, person.email.toUpperCase(), meta)).changed).toBe(true);
    expect((await makeOperatorByEmail(t.db, person.email, meta)).changed).toBe(false);
    expect(await isOperator(t.db, person.user.id)).toBe(true);
    expect((await eventsFor(person.user.id)).map((e) => e.action)).toEqual(["operator.granted"]);
  });

  it("refuses an email no user has", async () => {
    const email = randomEmail("nobody");
    await expect(makeOperatorByEmail(t.db, email, meta)).rejects.toThrow(`No user has the email ${email}.`);
  });

  it.skipIf(!onPostgres)(
    "runs as `npm run make-operator -- <email>`: a clear message, non-zero for no such user",
    async () => {
      const run = (email: string) =>
        promisify(execFile)(
          process.execPath,
          [
            "--import",
            "tsx",
            "--import",
            "./scripts/server-only-hooks.mjs",
            "scripts/make-operator.ts",
            email,
          ],
          {
            env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
          },
        );
      const person = await signUp(t.db);
      const { stdout } = await run(person.email);
      expect(stdout).toContain(`${person.email} is now a platform operator`);
      expect(await isOperator(t.db, person.user.id)).toBe(true);
      const missing = randomEmail("nobody");
      await expect(run(missing)).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining(`Error: No user has the email ${missing}.`),
      });
    },
  );
});

describe("the users list", () => {
  it("finds users by any part of their name, email or user name, whatever the case", async () => {
    const tag = randomBytes(4).toString("hex");
    const a = await signUp(t.db, { name: `Zed Quill${tag}`, email: randomEmail(`z${tag}`) });
    await t.db
      .update(users)
      .set({ username: `HANDLE${tag}` })
      .where(eq(users.id, a.user.id));
    const b = await signUp(t.db, { name: "Other Person", email: `x${tag}@Example.test` });
    await signUp(t.db, { name: "Not Matching" });

    const emails = async (q: string) => (await listUsers(t.db, { q })).users.map((u) => u.email).sort();
    expect(await emails(`quill${tag}`)).toEqual([a.email]);
    expect(await emails(`handle${tag.toUpperCase()}`)).toEqual([a.email]);
    expect(await emails(`X${tag}@EXAMPLE`)).toEqual([b.email]);
    expect(await emails(tag)).toEqual([a.email, b.email].sort());
    // LIKE wildcards are searched for, not obeyed.
    expect(await emails(`${tag}%`)).toEqual([]);

    const [row] = (await listUsers(t.db, { q: `quill${tag}` })).users;
    expect(row).toMatchObject({ name: `Zed Quill${tag}`, username: `HANDLE${tag}`, accountCount: 1 });
    expect(row!.accountNames).toEqual([a.account.shortName]);
  });

  it.each<UserSort>(["name", "email", "created"])(
    "pages by %s forwards and back with no gaps nor repeats",
    async (sort) => {
      const tag = randomBytes(4).toString("hex");
      const names = ["Bea", "Al", "Cy", "Al", "Dee", "Eve", "Bea"];
      const made: string[] = [];
      for (const [i, name] of names.entries()) {
        const { email } = await signUp(t.db, { name: `${name} ${tag}`, email: randomEmail(`${i}${tag}`) });
        made.push(email);
      }
      const all = (await listUsers(t.db, { q: tag, sort, limit: 100 })).users.map((u) => u.email);
      expect([...all].sort()).toEqual([...made].sort());

      const forward: string[] = [];
      let page = await listUsers(t.db, { q: tag, sort, limit: 3 });
      expect(page.previous).toBeNull();
      const pages = [page];
      forward.push(...page.users.map((u) => u.email));
      while (page.next) {
        page = await listUsers(t.db, { q: tag, sort, limit: 3, cursor: { after: page.next } });
        pages.push(page);
        forward.push(...page.users.map((u) => u.email));
      }
      expect(forward).toEqual(all);
      expect(pages).toHaveLength(3);

      // Back from the last page: the same pages, in reverse.
      let back = pages.at(-1)!;
      for (let i = pages.length - 2; i >= 0; i--) {
        back = await listUsers(t.db, { q: tag, sort, limit: 3, cursor: { before: back.previous! } });
        expect(back.users.map((u) => u.email)).toEqual(pages[i]!.users.map((u) => u.email));
      }
      expect(back.previous).toBeNull();
    },
  );

  it("asks for three characters rather than walk every user for a shorter search", async () => {
    expect(await listUsers(t.db, { q: " ab " })).toEqual({
      users: [],
      previous: null,
      next: null,
      searchTooShort: true,
    });
  });

  it("starts from the first page for a cursor that is not one", async () => {
    const page = await listUsers(t.db, { sort: "created", cursor: { after: "not-a-cursor" }, limit: 2 });
    expect(page.users.length).toBeGreaterThan(0);
    expect(page.previous).toBeNull();
  });
});

describe("the accounts list", () => {
  it("shows plan, member count and owner, paged by short name without gaps", async () => {
    const owner = await signUp(t.db, { name: "Acct Owner" });
    await signUpAndJoin(t.db, owner.account.id, "member", "Joiner");
    const seen: string[] = [];
    let page = await listAccounts(t.db, { limit: 7 });
    seen.push(...page.accounts.map((a) => a.shortName));
    while (page.next) {
      page = await listAccounts(t.db, { limit: 7, cursor: { after: page.next } });
      seen.push(...page.accounts.map((a) => a.shortName));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toContain(owner.account.shortName);
    const row = (await listAccounts(t.db, { limit: 100_000 })).accounts.find(
      (a) => a.id === owner.account.id,
    );
    expect(row).toMatchObject({
      plan: "free",
      memberCount: 2,
      ownerEmail: owner.email,
      ownerName: "Acct Owner",
    });
  });

  it("finds accounts by a part of their short or display name, case-insensitively, % and _ taken literally", async () => {
    const marker = randomShortName("findme");
    const byShortName = await signUp(t.db, { shortName: marker });
    const other = await signUp(t.db);
    const found = await listAccounts(t.db, { q: marker.slice(-8).toUpperCase() });
    expect(found.accounts.map((a) => a.id)).toEqual([byShortName.account.id]);
    expect((await listAccounts(t.db, { q: "%" })).accounts.map((a) => a.id)).not.toContain(other.account.id);
  });
});

describe("disabling a user everywhere", () => {
  it("ends all their sessions at once and refuses sign-in as a wrong password would", async () => {
    const { op } = await operator();
    const target = await signUp(t.db, { name: "Dis Abled" });
    const one = await passwordSession(t.db, { email: target.email, password: PASSWORD }, meta);
    const two = await passwordSession(t.db, { email: target.email, password: PASSWORD }, meta);

    const result = await setUserDisabled(t.db, op, { userId: target.user.id, disabled: true }, meta);
    expect(result).toEqual({ changed: true, sessionsEnded: 2 });
    expect(await findActiveSession(t.db, one.sessionToken)).toBeNull();
    expect(await findActiveSession(t.db, two.sessionToken)).toBeNull();
    await expect(
      signInWithPassword(t.db, { email: target.email, password: PASSWORD }, meta),
    ).rejects.toMatchObject({ code: "invalid", message: SIGN_IN_FAILED });

    // Enabled again: they sign in as before.
    await setUserDisabled(t.db, op, { userId: target.user.id, disabled: false }, meta);
    const again = await passwordSession(t.db, { email: target.email, password: PASSWORD }, meta);
    expect(await findActiveSession(t.db, again.sessionToken)).not.toBeNull();

    const events = await eventsFor(target.user.id);
    expect(events.map((e) => e.action)).toEqual(["operator.user_disabled", "operator.user_enabled"]);
    expect(events.every((e) => e.actorUserId === op.id)).toBe(true);
  });

  it("refuses a session of a disabled user even if one was left open", async () => {
    const { op } = await operator();
    const target = await signUp(t.db);
    const { sessionToken } = await passwordSession(t.db, { email: target.email, password: PASSWORD }, meta);
    await setUserDisabled(t.db, op, { userId: target.user.id, disabled: true }, meta);
    // Whatever else reopened the session row, the disabled user's session does not work.
    await t.db.update(sessions).set({ revokedAt: null }).where(eq(sessions.userId, target.user.id));
    expect(await findActiveSession(t.db, sessionToken)).toBeNull();
  });

  it("never disables oneself", async () => {
    const { op } = await operator();
    await expect(setUserDisabled(t.db, op, { userId: op.id, disabled: true }, meta)).rejects.toThrow(
      NOT_YOURSELF,
    );
  });

  it("is refused to someone who is no longer an operator, as not found", async () => {
    const { op } = await operator();
    const other = await operator();
    await setOperator(t.db, other.op, { userId: op.id, operator: false }, meta);
    const target = await signUp(t.db);
    await expect(
      setUserDisabled(t.db, op, { userId: target.user.id, disabled: true }, meta),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("operators", () => {
  it("make others operators and remove them, never themselves, audited", async () => {
    const { op } = await operator();
    const target = await signUp(t.db);
    await setOperator(t.db, op, { userId: target.user.id, operator: true }, meta);
    expect(await isOperator(t.db, target.user.id)).toBe(true);
    await setOperator(t.db, op, { userId: target.user.id, operator: false }, meta);
    expect(await isOperator(t.db, target.user.id)).toBe(false);
    await expect(setOperator(t.db, op, { userId: op.id, operator: false }, meta)).rejects.toThrow(
      NOT_YOURSELF,
    );
    const events = await eventsFor(target.user.id);
    expect(events.map((e) => [e.action, e.actorUserId])).toEqual([
      ["operator.granted", op.id],
      ["operator.revoked", op.id],
    ]);
  });
});

describe("deleting a user", () => {
  it("deletes one who owns no account, with their memberships", async () => {
    const { op } = await operator();
    const target = await nonOwner();
    await deleteUser(t.db, op, { userId: target.user.id }, meta);
    expect(await t.db.select().from(users).where(eq(users.id, target.user.id))).toEqual([]);
    expect(await t.db.select().from(memberships).where(eq(memberships.userId, target.user.id))).toEqual([]);
    expect((await eventsFor(target.user.id)).map((e) => e.action)).toContain("operator.user_deleted");
  });

  it("refuses an account owner, saying why", async () => {
    const { op } = await operator();
    const owner = await signUp(t.db);
    await expect(deleteUser(t.db, op, { userId: owner.user.id }, meta)).rejects.toMatchObject({
      code: "conflict",
      message: OWNS_ACCOUNTS(1),
    });
    expect(await t.db.select({ id: users.id }).from(users).where(eq(users.id, owner.user.id))).toHaveLength(
      1,
    );
  });

  it("never deletes oneself", async () => {
    const { op } = await operator();
    await expect(deleteUser(t.db, op, { userId: op.id }, meta)).rejects.toThrow(NOT_YOURSELF);
  });
});

describe("changing an account's plan", () => {
  it("moves the account and audits the operator", async () => {
    const { op } = await operator();
    const owner = await signUp(t.db);
    expect(await changeAccountPlan(t.db, op, { accountId: owner.account.id, planId: "team" }, meta)).toEqual({
      changed: true,
    });
    const [row] = await t.db
      .select({ plan: accounts.plan })
      .from(accounts)
      .where(eq(accounts.id, owner.account.id));
    expect(row?.plan).toBe("team");
    const [event] = await t.db
      .select({ actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "account.plan_changed"), eq(auditEvents.accountId, owner.account.id)),
      );
    expect(event?.actor).toBe(op.id);
  });
});
