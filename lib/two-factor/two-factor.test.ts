import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, emailOutbox, memberships, users } from "@/db/schema";
import { updateAccountSettingsAction } from "@/app/(app)/a/[account]/settings/actions";
import {
  acknowledgeRecoveryCodesAction,
  confirmEnrolmentAction,
  disableTwoFactorAction,
  renewRecoveryCodesAction,
  startEnrolmentAction,
} from "@/app/(app)/profile/two-factor/actions";
import { setTwoFactorRequirement } from "@/lib/accounts/settings";
import { TWO_FACTOR_REQUIRED, type Caller } from "@/lib/actions/action";
import { findActiveSession } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { CHALLENGE_ENDED, completeTwoFactorSignIn } from "@/lib/auth/two-factor-sign-in";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { callerFor, memberContextOf, PASSWORD, passwordSession, signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { confirmTwoFactorEnrolment, startTwoFactorEnrolment } from "./enrolment";
import { disableTwoFactor, renewRecoveryCodes } from "./manage";
import { CODE_FAILURES, TOO_MANY_WRONG_CODES, WRONG_CODE } from "./second-factor";
import { loadTwoFactorStatus } from "./status";
import { totpCode } from "./totp";

const t = testDatabase();
const meta = NO_REQUEST_META;
const STEP = 30 * 1000;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

/** A session of a user without two-factor, opened with the password: its token and id. */
async function openSession(email: string) {
  const { sessionToken } = await passwordSession(t.db, { email, password: PASSWORD }, meta);
  return { token: sessionToken, id: (await findActiveSession(t.db, sessionToken))!.sessionId };
}

/**
 * A new user with two-factor on: their secret (as the app showed it), recovery codes, and the
 * session they turned it on from (which goes on).
 */
async function userWithTwoFactor(now = new Date()) {
  const { user, email, account } = await signUp(t.db);
  const me = { id: user.id, email, name: user.name };
  const session = await openSession(email);
  await startTwoFactorEnrolment(t.db, me);
  const secret = (await loadTwoFactorStatus(t.db, me.id))!.enrolment!.secret;
  await confirmTwoFactorEnrolment(
    t.db,
    me,
    session.id,
    { password: PASSWORD, code: await totpCode(secret, now) },
    meta,
    now,
  );
  const recoveryCodes = (await loadTwoFactorStatus(t.db, me.id))!.recoveryCodesToShow!;
  return { me, email, secret, recoveryCodes, account, session };
}

async function challengeFor(email: string, now = new Date()) {
  const outcome = await signInWithPassword(t.db, { email, password: PASSWORD }, meta, now);
  if (outcome.status !== "two_factor_required") throw new Error("expected the code step");
  return outcome.challenge;
}

const emailsTo = (to: string) =>
  t.db.select({ template: emailOutbox.template }).from(emailOutbox).where(eq(emailOutbox.to, to));

describe("two-factor setup", () => {
  it("turns on with a code from the shown secret, issues ten recovery codes once, and emails the user", async () => {
    const { me, email, secret, recoveryCodes } = await userWithTwoFactor();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const [row] = await t.db.select().from(users).where(eq(users.id, me.id));
    expect(row!.twoFactorEnabledAt).not.toBeNull();
    // The secret is stored sealed, not as the text the app showed.
    expect(row!.twoFactorSecret).not.toContain(secret);
    expect(row!.twoFactorPendingSecret).toBeNull();
    expect(await emailsTo(email)).toContainEqual({ template: "two-factor-enabled" });
    const events = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.actorUserId, me.id));
    expect(events).toContainEqual({ action: "user.two_factor_enabled" });
  });

  it("is not for a user whose email is unconfirmed (whoever proves the address takes it over)", async () => {
    const { user, email } = await signUp(t.db, { verified: false });
    await expect(
      startTwoFactorEnrolment(t.db, { id: user.id, email, name: user.name }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await loadTwoFactorStatus(t.db, user.id))!.enrolment).toBeNull();
  });

  it("confirming takes the password as well as the code", async () => {
    const { user, email } = await signUp(t.db);
    const me = { id: user.id, email, name: user.name };
    await startTwoFactorEnrolment(t.db, me);
    const secret = (await loadTwoFactorStatus(t.db, me.id))!.enrolment!.secret;
    await expect(
      confirmTwoFactorEnrolment(
        t.db,
        me,
        (await openSession(email)).id,
        { password: "a stolen session", code: await totpCode(secret) },
        meta,
      ),
    ).rejects.toMatchObject({ field: "password" });
    expect((await loadTwoFactorStatus(t.db, me.id))!.enabledAt).toBeNull();
  });

  it("refuses a wrong code and stays off", async () => {
    const { user, email } = await signUp(t.db);
    const me = { id: user.id, email, name: user.name };
    await startTwoFactorEnrolment(t.db, me);
    const secret = (await loadTwoFactorStatus(t.db, me.id))!.enrolment!.secret;
    const wrong = (await totpCode(secret)) === "000000" ? "111111" : "000000";
    await expect(
      confirmTwoFactorEnrolment(
        t.db,
        me,
        (await openSession(email)).id,
        { password: PASSWORD, code: wrong },
        meta,
      ),
    ).rejects.toMatchObject({
      message: WRONG_CODE,
      field: "code",
    });
    expect((await loadTwoFactorStatus(t.db, me.id))!.enabledAt).toBeNull();
    const outcome = await signInWithPassword(t.db, { email, password: PASSWORD }, meta);
    expect(outcome.status).toBe("signed_in");
  });
});

describe("signing in with two-factor", () => {
  it("a right password opens no session until the code; then the session works", async () => {
    const now = new Date();
    const { email, secret } = await userWithTwoFactor(now);
    const challenge = await challengeFor(email, later(now, STEP));
    const { sessionToken } = await completeTwoFactorSignIn(
      t.db,
      { challenge, code: await totpCode(secret, later(now, STEP)) },
      meta,
      later(now, STEP),
    );
    expect(await findActiveSession(t.db, sessionToken)).not.toBeNull();
    // The challenge worked once.
    await expect(
      completeTwoFactorSignIn(t.db, { challenge, code: await totpCode(secret, later(now, 2 * STEP)) }, meta),
    ).rejects.toMatchObject({ message: CHALLENGE_ENDED });
  });

  it("refuses a TOTP code used before, even within its time window", async () => {
    const now = new Date();
    const { email, secret } = await userWithTwoFactor(now);
    const at = later(now, STEP);
    const code = await totpCode(secret, at);
    await completeTwoFactorSignIn(t.db, { challenge: await challengeFor(email, at), code }, meta, at);
    const again = later(at, 5000);
    await expect(
      completeTwoFactorSignIn(t.db, { challenge: await challengeFor(email, again), code }, meta, again),
    ).rejects.toMatchObject({ message: WRONG_CODE });
    // The code the enrolment used is spent too.
    await expect(
      completeTwoFactorSignIn(
        t.db,
        { challenge: await challengeFor(email, again), code: await totpCode(secret, now) },
        meta,
        again,
      ),
    ).rejects.toMatchObject({ message: WRONG_CODE });
    // The next step's code works.
    const next = later(at, STEP);
    await expect(
      completeTwoFactorSignIn(
        t.db,
        { challenge: await challengeFor(email, next), code: await totpCode(secret, next) },
        meta,
        next,
      ),
    ).resolves.toHaveProperty("sessionToken");
  });

  it("accepts a code from one step before or after, not two", async () => {
    const now = new Date();
    const { email, secret } = await userWithTwoFactor(now);
    const at = later(now, 10 * STEP);
    const stale = await totpCode(secret, later(at, -2 * STEP));
    await expect(
      completeTwoFactorSignIn(t.db, { challenge: await challengeFor(email, at), code: stale }, meta, at),
    ).rejects.toMatchObject({ message: WRONG_CODE });
    const slightlyBehind = await totpCode(secret, later(at, -STEP));
    await expect(
      completeTwoFactorSignIn(
        t.db,
        { challenge: await challengeFor(email, at), code: slightlyBehind },
        meta,
        at,
      ),
    ).resolves.toHaveProperty("sessionToken");
  });

  it("takes each recovery code once", async () => {
    const { me, email, recoveryCodes } = await userWithTwoFactor();
    const [code] = recoveryCodes;
    // Typed in capitals without the dash: still the same code.
    const typed = code!.toUpperCase().replace("-", "");
    await expect(
      completeTwoFactorSignIn(t.db, { challenge: await challengeFor(email), code: typed }, meta),
    ).resolves.toHaveProperty("sessionToken");
    await expect(
      completeTwoFactorSignIn(t.db, { challenge: await challengeFor(email), code: code! }, meta),
    ).rejects.toMatchObject({ message: WRONG_CODE });
    expect((await loadTwoFactorStatus(t.db, me.id))!.unusedRecoveryCodes).toBe(9);
  });

  it("a challenge ends after 10 minutes", async () => {
    const now = new Date();
    const { email, secret } = await userWithTwoFactor(now);
    const challenge = await challengeFor(email, now);
    const tooLate = later(now, 11 * 60 * 1000);
    await expect(
      completeTwoFactorSignIn(t.db, { challenge, code: await totpCode(secret, tooLate) }, meta, tooLate),
    ).rejects.toMatchObject({ message: CHALLENGE_ENDED });
  });

  it(`after ${CODE_FAILURES.limit} wrong codes, even the right one waits`, async () => {
    const now = new Date();
    const { email, secret } = await userWithTwoFactor(now);
    const challenge = await challengeFor(email, now);
    const right = await totpCode(secret, later(now, STEP));
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < CODE_FAILURES.limit; i++) {
      await expect(
        completeTwoFactorSignIn(t.db, { challenge, code: wrong }, meta, now),
      ).rejects.toMatchObject({
        message: WRONG_CODE,
      });
    }
    await expect(completeTwoFactorSignIn(t.db, { challenge, code: right }, meta, now)).rejects.toMatchObject({
      code: "rate_limited",
      message: TOO_MANY_WRONG_CODES,
    });
    // The lock-out is in the user's audit trail, once.
    await expect(completeTwoFactorSignIn(t.db, { challenge, code: right }, meta, now)).rejects.toMatchObject({
      code: "rate_limited",
    });
    const hits = await t.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "rate_limit.hit"), eq(auditEvents.actorEmail, email)));
    expect(hits).toEqual([{ data: { limit: "two-factor-code" } }]);
  });
});

describe("managing two-factor", () => {
  it("turning it off takes the password and a code; then sign-in asks only for the password", async () => {
    const now = new Date();
    const { me, email, recoveryCodes, session } = await userWithTwoFactor(now);
    await expect(
      disableTwoFactor(t.db, me, session.id, { password: "not my password", code: recoveryCodes[0]! }, meta),
    ).rejects.toMatchObject({ field: "password" });
    await expect(
      disableTwoFactor(t.db, me, session.id, { password: PASSWORD, code: "123456" }, meta),
    ).rejects.toMatchObject({
      field: "code",
    });
    expect((await loadTwoFactorStatus(t.db, me.id))!.enabledAt).not.toBeNull();
    await disableTwoFactor(t.db, me, session.id, { password: PASSWORD, code: recoveryCodes[1]! }, meta);
    expect((await loadTwoFactorStatus(t.db, me.id))!.enabledAt).toBeNull();
    expect(await emailsTo(email)).toContainEqual({ template: "two-factor-disabled" });
    const outcome = await signInWithPassword(t.db, { email, password: PASSWORD }, meta);
    expect(outcome.status).toBe("signed_in");
  });

  it("new recovery codes replace the old ones", async () => {
    const { me, email, recoveryCodes, session } = await userWithTwoFactor();
    await renewRecoveryCodes(t.db, me, session.id, recoveryCodes[0]!, meta);
    const renewed = (await loadTwoFactorStatus(t.db, me.id))!.recoveryCodesToShow!;
    expect(renewed).toHaveLength(10);
    expect(renewed).not.toContain(recoveryCodes[1]);
    await expect(
      completeTwoFactorSignIn(t.db, { challenge: await challengeFor(email), code: recoveryCodes[1]! }, meta),
    ).rejects.toMatchObject({ message: WRONG_CODE });
    await expect(
      completeTwoFactorSignIn(t.db, { challenge: await challengeFor(email), code: renewed[0]! }, meta),
    ).resolves.toHaveProperty("sessionToken");
  });
});

describe("changing a factor ends every other session (ASVS 7.4.3)", () => {
  const callerOf = (token: string): Caller => ({ sessionToken: token, meta });
  /** A session opened through the code step, as another browser of a two-factor user would. */
  async function twoFactorSession(email: string, recoveryCode: string) {
    const { sessionToken } = await completeTwoFactorSignIn(
      t.db,
      { challenge: await challengeFor(email), code: recoveryCode },
      meta,
    );
    return sessionToken;
  }
  /** The other session's cookie, replayed: refused by the session lookup and by any action. */
  async function expectRefused(token: string) {
    expect(await findActiveSession(t.db, token)).toBeNull();
    expect(await acknowledgeRecoveryCodesAction.runAs(callerOf(token), {})).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
  }
  async function expectWorks(token: string) {
    expect(await findActiveSession(t.db, token)).not.toBeNull();
    expect(await acknowledgeRecoveryCodesAction.runAs(callerOf(token), {})).toEqual({ ok: true, data: null });
  }
  const auditData = async (userId: string, action: string) =>
    (
      await t.db
        .select({ data: auditEvents.data })
        .from(auditEvents)
        .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, action)))
    ).map((e) => e.data);

  it("turning two-factor on: the other session's cookie is refused, this one goes on", async () => {
    const { user, email } = await signUp(t.db);
    const here = await openSession(email);
    const there = await openSession(email);
    await startEnrolmentAction.runAs(callerOf(here.token), {});
    const secret = (await loadTwoFactorStatus(t.db, user.id))!.enrolment!.secret;
    const result = await confirmEnrolmentAction.runAs(callerOf(here.token), {
      password: PASSWORD,
      code: await totpCode(secret),
    });
    expect(result).toEqual({ ok: true, data: { sessionsEnded: 1 } });
    await expectRefused(there.token);
    await expectWorks(here.token);
    expect(await auditData(user.id, "user.two_factor_enabled")).toEqual([{ sessionsEnded: 1 }]);
  });

  it("a wrong code turns nothing on and ends no session", async () => {
    const { user, email } = await signUp(t.db);
    const here = await openSession(email);
    const there = await openSession(email);
    await startEnrolmentAction.runAs(callerOf(here.token), {});
    const secret = (await loadTwoFactorStatus(t.db, user.id))!.enrolment!.secret;
    const wrong = (await totpCode(secret)) === "000000" ? "111111" : "000000";
    expect(
      await confirmEnrolmentAction.runAs(callerOf(here.token), { password: PASSWORD, code: wrong }),
    ).toMatchObject({ ok: false, error: WRONG_CODE });
    await expectWorks(there.token);
  });

  it("renewing the recovery codes: the other session's cookie is refused, this one goes on", async () => {
    const { me, email, recoveryCodes, session: here } = await userWithTwoFactor();
    const there = await twoFactorSession(email, recoveryCodes[0]!);
    await expectWorks(there);
    const result = await renewRecoveryCodesAction.runAs(callerOf(here.token), { code: recoveryCodes[1]! });
    expect(result).toEqual({ ok: true, data: { sessionsEnded: 1 } });
    await expectRefused(there);
    await expectWorks(here.token);
    expect(await auditData(me.id, "user.recovery_codes_renewed")).toEqual([{ sessionsEnded: 1 }]);
  });

  it("turning two-factor off: the other session's cookie is refused, this one goes on", async () => {
    const { me, email, recoveryCodes, session: here } = await userWithTwoFactor();
    const there = await twoFactorSession(email, recoveryCodes[0]!);
    const elsewhere = await twoFactorSession(email, recoveryCodes[1]!);
    const result = await disableTwoFactorAction.runAs(callerOf(here.token), {
      password: PASSWORD,
      code: recoveryCodes[2]!,
    });
    expect(result).toEqual({ ok: true, data: { sessionsEnded: 2 } });
    await expectRefused(there);
    await expectRefused(elsewhere);
    await expectWorks(here.token);
    expect(await auditData(me.id, "user.two_factor_disabled")).toEqual([{ sessionsEnded: 2 }]);
  });

  it("ends no one else's sessions", async () => {
    const { email: otherEmail } = await signUp(t.db);
    const stranger = await openSession(otherEmail);
    const { recoveryCodes, session: here } = await userWithTwoFactor();
    await renewRecoveryCodesAction.runAs(callerOf(here.token), { code: recoveryCodes[0]! });
    await expectWorks(stranger.token);
  });
});

describe("an account that requires two-factor of administrators", () => {
  it("only an owner with two-factor can require it", async () => {
    const { user, account } = await signUp(t.db);
    const ctx = await memberContextOf(t.db, user, account.shortName);
    await expect(setTwoFactorRequirement(t.db, ctx, true, meta)).rejects.toMatchObject({ code: "conflict" });
  });

  it("sends an administrator without two-factor to set it up; members without admin rights go on", async () => {
    const owner = await userWithTwoFactor();
    const shortName = owner.account.shortName;
    const ownerCaller = await callerFor(t.db, owner.email).catch(() => null);
    expect(ownerCaller).toBeNull(); // the owner signs in with a code now: no password-only caller
    const ownerCtx = await memberContextOf(t.db, owner.me, shortName);
    await setTwoFactorRequirement(t.db, ownerCtx, true, meta);

    const admin = await signUp(t.db, { name: "Admin" });
    const guest = await signUp(t.db, { name: "Guest" });
    await t.db.insert(memberships).values([
      { accountId: owner.account.id, userId: admin.user.id, role: "admin" },
      { accountId: owner.account.id, userId: guest.user.id, role: "guest" },
    ]);
    expect((await memberContextOf(t.db, admin.user, shortName)).mustEnrolTwoFactor).toBe(true);
    expect((await memberContextOf(t.db, guest.user, shortName)).mustEnrolTwoFactor).toBe(false);
    expect((await memberContextOf(t.db, owner.me, shortName)).mustEnrolTwoFactor).toBe(false);

    // Any account action of the administrator is refused until they enrol.
    const adminCaller = await callerFor(t.db, admin.email);
    const refused = await updateAccountSettingsAction.runAs(adminCaller, {
      account: shortName,
      displayName: "X",
    });
    expect(refused).toMatchObject({ ok: false, code: "forbidden", error: TWO_FACTOR_REQUIRED });

    // Once the requirement is lifted, the same call goes through.
    await setTwoFactorRequirement(t.db, ownerCtx, false, meta);
    const allowed = await updateAccountSettingsAction.runAs(adminCaller, {
      account: shortName,
      displayName: "X",
    });
    expect(allowed).toMatchObject({ ok: true });
    const [changes] = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.accountId, owner.account.id),
          eq(auditEvents.action, "account.two_factor_requirement_changed"),
        ),
      );
    expect(changes).toBeDefined();
  });
});
