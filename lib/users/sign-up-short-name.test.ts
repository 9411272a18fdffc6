import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, shortNameHolds, users } from "@/db/schema";
import { signUpAction } from "@/app/(auth)/sign-up/actions";
import { createAccountAction } from "@/app/(app)/accounts/new/actions";
import { createAccount } from "@/lib/accounts/create-account";
import { SHORT_NAME_TAKEN } from "@/lib/accounts/short-name-holds";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { runMaintenance } from "@/lib/server/maintenance";
import { callerFor, PASSWORD, randomEmail, randomShortName, SIGNED_OUT, signUp } from "@/tests/fixtures";
import { onPostgres, testDatabase } from "@/tests/test-db";
import { UNVERIFIED_USER_LIFETIME_MS } from "./remove-stale-unverified";
import { signUpWithAccount } from "./sign-up";

const t = testDatabase();
const meta = NO_REQUEST_META;
const DAY = 24 * 60 * 60 * 1000;

const form = (email: string, shortName: string) => ({
  name: "Mallory",
  email,
  password: PASSWORD,
  shortName,
});

/** Signs up through the sign-up form's action, as anyone on the internet can. */
const signUpForm = (email: string, shortName: string) =>
  signUpAction.runAs(SIGNED_OUT, form(email, shortName));

const TAKEN_ANSWER = {
  ok: false,
  code: "conflict",
  error: SHORT_NAME_TAKEN,
  fieldErrors: { shortName: SHORT_NAME_TAKEN },
};

const accountsNamed = (shortName: string) =>
  t.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.shortName, shortName));
const holdOn = async (shortName: string) =>
  (await t.db.select().from(shortNameHolds).where(eq(shortNameHolds.shortName, shortName)))[0];

describe("a short name tried at sign-up says nothing about the email", () => {
  /**
   * The attack: sign up with the victim's address and a fresh short name, then with one's own
   * address and the same name. Were the name free the second time, the victim had a user.
   */
  async function probe(victim: string) {
    const shortName = randomShortName("probe");
    const first = await signUpForm(victim, shortName);
    const second = await signUpForm(randomEmail("mallory"), shortName);
    return { shortName, first, second };
  }

  it("the victim's address first, then one's own: the name is taken either way", async () => {
    const { email: hasUser } = await signUp(t.db);
    const noUser = randomEmail("nobody");
    const withUser = await probe(hasUser);
    const withoutUser = await probe(noUser);

    expect(withUser.first).toEqual({ ok: true, data: { email: hasUser } });
    expect(withoutUser.first).toEqual({ ok: true, data: { email: noUser } });
    expect(withUser.second).toEqual(TAKEN_ANSWER);
    expect(withoutUser.second).toEqual(withUser.second);
    // Underneath: an account took the name for the new address, a hold for the existing one.
    expect(await accountsNamed(withoutUser.shortName)).toHaveLength(1);
    expect(await accountsNamed(withUser.shortName)).toEqual([]);
    expect((await holdOn(withUser.shortName))?.expiresAt.getTime()).toBeGreaterThan(Date.now());
    // The victim's address again with the name: taken too, in both cases.
    expect(await signUpForm(hasUser, withUser.shortName)).toEqual(TAKEN_ANSWER);
    expect(await signUpForm(noUser, withoutUser.shortName)).toEqual(TAKEN_ANSWER);
  });

  it("one's own address first, then the victim's: the same answers either way", async () => {
    const { email: hasUser } = await signUp(t.db);
    const answers = [];
    for (const victim of [hasUser, randomEmail("nobody")]) {
      const shortName = randomShortName("probe");
      const own = randomEmail("mallory");
      expect(await signUpForm(own, shortName)).toEqual({ ok: true, data: { email: own } });
      answers.push(await signUpForm(victim, shortName));
    }
    expect(answers).toEqual([TAKEN_ANSWER, TAKEN_ANSWER]);
  });

  it("a held name stays held when the existing address tries it again, and creates no user", async () => {
    const { email } = await signUp(t.db);
    const shortName = randomShortName("again");
    expect(await signUpWithAccount(t.db, form(email, shortName), meta)).toEqual({ status: "email_exists" });
    const hold = await holdOn(shortName);
    await expect(signUpWithAccount(t.db, form(email, shortName), meta)).rejects.toMatchObject({
      code: "conflict",
      field: "shortName",
    });
    expect(await holdOn(shortName)).toEqual(hold);
    expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });
});

describe("how long a hold lasts", () => {
  it("as long as an unconfirmed sign-up's account: after the housekeeping both names are free again", async () => {
    const { email: hasUser } = await signUp(t.db);
    const held = randomShortName("held");
    const made = randomShortName("made");
    const before = Date.now();
    await signUpWithAccount(t.db, form(hasUser, held), meta);
    const created = await signUpWithAccount(t.db, form(randomEmail("nobody"), made), meta);
    if (created.status !== "created") throw new Error("expected a new user");

    const hold = (await holdOn(held))!;
    expect(hold.expiresAt.getTime()).toBeGreaterThanOrEqual(before + UNVERIFIED_USER_LIFETIME_MS);
    expect(hold.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + UNVERIFIED_USER_LIFETIME_MS);

    // A week and a day pass, for the unconfirmed user and for the hold.
    await t.db
      .update(users)
      .set({ createdAt: new Date(Date.now() - 8 * DAY) })
      .where(eq(users.id, created.user.id));
    await t.db
      .update(shortNameHolds)
      .set({ expiresAt: new Date(hold.expiresAt.getTime() - 8 * DAY) })
      .where(eq(shortNameHolds.shortName, held));
    await runMaintenance();

    expect(await accountsNamed(made)).toEqual([]);
    expect(await holdOn(held)).toBeUndefined();
    const { user: owner, email } = await signUp(t.db);
    for (const shortName of [held, made]) {
      await expect(createAccount(t.db, { id: owner.id, email }, { shortName }, meta)).resolves.toMatchObject({
        shortName,
      });
    }
  });

  it("the housekeeping purges only holds that ran out", async () => {
    const { email } = await signUp(t.db);
    const [ranOut, live] = [randomShortName("ran-out"), randomShortName("live")];
    await signUpWithAccount(t.db, form(email, ranOut), meta);
    await signUpWithAccount(t.db, form(email, live), meta);
    await t.db
      .update(shortNameHolds)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(shortNameHolds.shortName, ranOut));
    await runMaintenance();
    expect(await holdOn(ranOut)).toBeUndefined();
    expect(await holdOn(live)).toBeDefined();
  });

  it("a hold that ran out holds nothing, even before it is purged", async () => {
    const { email } = await signUp(t.db);
    const shortName = randomShortName("lapsed");
    await signUpWithAccount(t.db, form(email, shortName), meta);
    await t.db
      .update(shortNameHolds)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(shortNameHolds.shortName, shortName));
    const other = randomEmail("later");
    expect(await signUpForm(other, shortName)).toEqual({ ok: true, data: { email: other } });
    expect(await accountsNamed(shortName)).toHaveLength(1);
    expect(await holdOn(shortName)).toBeUndefined();
  });
});

describe("every way of creating an account respects a hold", () => {
  it("a signed-in user's new account cannot take a held name", async () => {
    const { email: hasUser } = await signUp(t.db);
    const shortName = randomShortName("held");
    await signUpWithAccount(t.db, form(hasUser, shortName), meta);

    const { user, email } = await signUp(t.db);
    await expect(createAccount(t.db, { id: user.id, email }, { shortName }, meta)).rejects.toMatchObject({
      code: "conflict",
      field: "shortName",
      message: SHORT_NAME_TAKEN,
    });
    expect(await createAccountAction.runAs(await callerFor(t.db, email), { shortName })).toEqual(
      TAKEN_ANSWER,
    );
    expect(await accountsNamed(shortName)).toEqual([]);
  });

  it("a name an account has cannot be held (the existing address is refused as a new one would be)", async () => {
    const { account } = await signUp(t.db);
    const { email } = await signUp(t.db);
    await expect(signUpWithAccount(t.db, form(email, account.shortName), meta)).rejects.toMatchObject({
      code: "conflict",
      field: "shortName",
    });
    expect(await holdOn(account.shortName)).toBeUndefined();
  });

  describe.skipIf(!onPostgres)("at the same moment (needs a PostgreSQL server)", () => {
    it("a hold and an account racing for one name: exactly one gets it", async () => {
      const { email: hasUser } = await signUp(t.db);
      const { user, email } = await signUp(t.db);
      for (let i = 0; i < 10; i++) {
        const shortName = randomShortName("race");
        const results = await Promise.allSettled([
          signUpWithAccount(t.db, form(hasUser, shortName), meta),
          i % 2
            ? createAccount(t.db, { id: user.id, email }, { shortName }, meta)
            : signUpWithAccount(t.db, form(randomEmail("racer"), shortName), meta),
        ]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const refused = results.find((r) => r.status === "rejected");
        expect(refused?.reason).toMatchObject({ code: "conflict", field: "shortName" });
        const hold = await holdOn(shortName);
        const held = hold !== undefined && hold.expiresAt.getTime() > Date.now();
        expect((await accountsNamed(shortName)).length + (held ? 1 : 0)).toBe(1);
      }
    });
  });
});
