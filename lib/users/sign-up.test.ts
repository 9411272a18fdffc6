import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, auditEvents, emailOutbox, memberships, users } from "@/db/schema";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import {
  createUserWithAccount,
  linkInLatestEmail,
  PASSWORD,
  randomEmail,
  randomShortName,
  signUp,
} from "@/tests/fixtures";
import { onPostgres, testDatabase } from "@/tests/test-db";
import { signUpWithAccount } from "./sign-up";
import { resendVerificationEmail, verifyEmail, VERIFY_LINK_INVALID } from "./email-verification";

const t = testDatabase();

/** The newest email queued to an address (subject only). */
async function latestEmailTo(to: string) {
  const [row] = await t.db
    .select({ subject: emailOutbox.subject })
    .from(emailOutbox)
    .where(eq(emailOutbox.to, to))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  return row;
}

const input = (overrides: Partial<Parameters<typeof signUpWithAccount>[1]> = {}) => ({
  name: "Ada Lovelace",
  email: randomEmail("ada"),
  password: PASSWORD,
  shortName: randomShortName("analytical"),
  ...overrides,
});

describe("sign up with an account", () => {
  it("creates the user, the account and the owner membership together", async () => {
    const data = input({ displayName: "Analytical Engines" });
    const { user, account } = await createUserWithAccount(t.db, data);

    const [savedUser] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(savedUser).toMatchObject({ email: data.email, name: "Ada Lovelace", lastAccountId: account.id });
    expect(savedUser?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(account).toMatchObject({ shortName: data.shortName, displayName: "Analytical Engines" });
    const members = await t.db.select().from(memberships).where(eq(memberships.accountId, account.id));
    expect(members).toEqual([expect.objectContaining({ userId: user.id, role: "owner" })]);
  });

  it("uses the short name as display name when none is given", async () => {
    const data = input();
    const { account } = await createUserWithAccount(t.db, data);
    expect(account.displayName).toBe(data.shortName);
  });

  it("records the sign-up, the account and its first project in the audit log", async () => {
    const { user, account } = await createUserWithAccount(t.db, input());
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.actorUserId, user.id));
    expect(events.map((e) => e.action).sort()).toEqual(["account.created", "project.created", "user.signed_up"]);
    expect(events.find((e) => e.action === "account.created")?.accountId).toBe(account.id);
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
  });

  it("an address that has a user (in any case) creates nothing, and its owner gets a notice instead", async () => {
    const email = randomEmail("grace");
    const { user } = await createUserWithAccount(t.db, input({ email }));
    const second = input({ email: email.toUpperCase(), name: "Mallory" });
    expect(await signUpWithAccount(t.db, second, NO_REQUEST_META)).toEqual({ status: "email_exists" });
    expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
    expect(await t.db.select().from(accounts).where(eq(accounts.shortName, second.shortName))).toEqual([]);
    const [owner] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(owner?.name).toBe("Ada Lovelace");
    const notice = await latestEmailTo(email);
    expect(notice?.subject).toBe("Someone tried to sign up to Roster with your email");
  });

  it("a taken short name is refused the same way whether or not the email has a user", async () => {
    const { account, email } = await signUp(t.db);
    for (const who of [email, randomEmail("fresh")]) {
      await expect(
        signUpWithAccount(t.db, input({ email: who, shortName: account.shortName }), NO_REQUEST_META),
      ).rejects.toMatchObject({ code: "conflict", field: "shortName" });
    }
  });

  it("leaves nothing behind when the short name is taken", async () => {
    const { account } = await signUp(t.db);
    const email = randomEmail("late");
    await expect(
      signUpWithAccount(t.db, input({ email, shortName: account.shortName }), NO_REQUEST_META),
    ).rejects.toMatchObject({
      code: "conflict",
      field: "shortName",
      message: "This short name is taken. Choose another one.",
    });
    expect(await t.db.select().from(users).where(eq(users.email, email))).toEqual([]);
    const signedUp = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.signed_up")));
    expect(signedUp.some((e) => e.data && JSON.stringify(e).includes(email))).toBe(false);
  });

  it("the database itself refuses a malformed short name", async () => {
    await expect(t.db.insert(accounts).values({ shortName: "Bad Name", displayName: "x" })).rejects.toThrow();
  });

  describe.skipIf(!onPostgres)("concurrent sign-ups (needs a PostgreSQL server)", () => {
    it("two sign-ups with the same short name: exactly one succeeds, the other is told the name is taken", async () => {
      const shortName = randomShortName("race");
      const results = await Promise.allSettled([
        signUpWithAccount(t.db, input({ shortName }), NO_REQUEST_META),
        signUpWithAccount(t.db, input({ shortName }), NO_REQUEST_META),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.find((r) => r.status === "rejected");
      expect(rejected?.reason).toMatchObject({ code: "conflict", field: "shortName" });
      expect(await t.db.select().from(accounts).where(eq(accounts.shortName, shortName))).toHaveLength(1);
    });

    it("two sign-ups with the same email in different case: exactly one user exists afterwards", async () => {
      const email = randomEmail("twin");
      const results = await Promise.all([
        signUpWithAccount(t.db, input({ email }), NO_REQUEST_META),
        signUpWithAccount(t.db, input({ email: email.toUpperCase() }), NO_REQUEST_META),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["created", "email_exists"]);
      expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
    });
  });
});

describe("email verification at sign-up", () => {
  it("sends a link that verifies the address once", async () => {
    const { email, user } = await signUp(t.db, { verified: false });
    const [before] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(before?.emailVerifiedAt).toBeNull();

    const { token } = await linkInLatestEmail(t.db, email, "/verify-email/");
    await verifyEmail(t.db, token, user, NO_REQUEST_META);
    const [after] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(after?.emailVerifiedAt).toBeInstanceOf(Date);
    await expect(verifyEmail(t.db, token, user, NO_REQUEST_META)).rejects.toMatchObject({
      message: VERIFY_LINK_INVALID,
    });
  });

  it("refuses an unknown or expired link", async () => {
    const { email, user } = await signUp(t.db, { verified: false });
    const { token } = await linkInLatestEmail(t.db, email, "/verify-email/");
    const inFourDays = new Date(Date.now() + 4 * 24 * 60 * 60 * 1000);
    await expect(verifyEmail(t.db, token, user, NO_REQUEST_META, inFourDays)).rejects.toMatchObject({
      message: VERIFY_LINK_INVALID,
    });
    await expect(verifyEmail(t.db, "made-up", user, NO_REQUEST_META)).rejects.toMatchObject({
      message: VERIFY_LINK_INVALID,
    });
  });

  it("confirms nothing for anybody but the user who signed up", async () => {
    const { email, user } = await signUp(t.db, { verified: false });
    const { user: stranger } = await signUp(t.db);
    const { token } = await linkInLatestEmail(t.db, email, "/verify-email/");
    await expect(verifyEmail(t.db, token, stranger, NO_REQUEST_META)).rejects.toMatchObject({
      code: "forbidden",
    });
    const [after] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(after?.emailVerifiedAt).toBeNull();
  });

  it("only the newest link works: sending another ends the earlier one", async () => {
    const { email, user } = await signUp(t.db, { verified: false });
    const first = await linkInLatestEmail(t.db, email, "/verify-email/");
    await resendVerificationEmail(t.db, { ...user, emailVerifiedAt: null });
    const second = await linkInLatestEmail(t.db, email, "/verify-email/");
    expect(second.token).not.toBe(first.token);
    await expect(verifyEmail(t.db, first.token, user, NO_REQUEST_META)).rejects.toMatchObject({
      message: VERIFY_LINK_INVALID,
    });
    await verifyEmail(t.db, second.token, user, NO_REQUEST_META);
  });
});
