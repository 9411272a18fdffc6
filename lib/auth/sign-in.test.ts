import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, sessions } from "@/db/schema";
import { SESSION_LIFETIME_SECONDS } from "@/lib/config";
import { hashToken } from "@/lib/crypto/tokens";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { PASSWORD, randomEmail, signUp, passwordSession } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { findActiveSession, revokeAllSessions, revokeSession } from "./sessions";
import { SIGN_IN_FAILED, slowdownSeconds } from "./sign-in";

const DAY = 24 * 60 * 60 * 1000;

const t = testDatabase();
const meta = { ip: "203.0.113.7", userAgent: "vitest" };

describe("sign in with email and password", () => {
  it("signs in with the email in any case and opens a session stored only as a hash", async () => {
    const { email, user } = await signUp(t.db);
    const { sessionToken, user: signedIn } = await passwordSession(
      t.db,
      { email: email.toUpperCase(), password: PASSWORD },
      meta,
    );
    expect(signedIn.id).toBe(user.id);
    expect(sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    const [row] = await t.db
      .select()
      .from(sessions)
      .where(eq(sessions.tokenHash, hashToken(sessionToken)));
    expect(row).toMatchObject({ userId: user.id, ip: "203.0.113.7", userAgent: "vitest", revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(sessionToken);
    expect((await findActiveSession(t.db, sessionToken))?.user.id).toBe(user.id);
  });

  it("answers a wrong password and an unknown email with the same message", async () => {
    const { email } = await signUp(t.db);
    await expect(passwordSession(t.db, { email, password: "wrong password" }, meta)).rejects.toMatchObject({
      code: "invalid",
      message: SIGN_IN_FAILED,
    });
    await expect(
      passwordSession(t.db, { email: randomEmail("nobody"), password: PASSWORD }, meta),
    ).rejects.toMatchObject({
      code: "invalid",
      message: SIGN_IN_FAILED,
    });
  });

  it("records successful and failed sign-ins, never the password", async () => {
    const { email, user } = await signUp(t.db);
    await passwordSession(t.db, { email, password: "not-the-password" }, meta).catch(() => {});
    await passwordSession(t.db, { email, password: PASSWORD }, meta);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.actorUserId, user.id));
    const actions = events.map((e) => e.action);
    expect(actions).toContain("user.sign_in_failed");
    expect(actions).toContain("user.signed_in");
    expect(JSON.stringify(events)).not.toContain("not-the-password");
    expect(events.find((e) => e.action === "user.signed_in")).toMatchObject({
      ip: "203.0.113.7",
      userAgent: "vitest",
    });
  });

  it("counts failed sign-ins only: 11 correct sign-ins in a row all succeed", async () => {
    const { email } = await signUp(t.db);
    for (let i = 0; i < 11; i++) {
      await expect(passwordSession(t.db, { email, password: PASSWORD }, meta)).resolves.toBeTruthy();
    }
  });

  it("after 10 failures for an email, a new IP is slowed (not locked out); the user's own IP goes on", async () => {
    const { email } = await signUp(t.db);
    const home = { ip: "198.51.100.20", userAgent: "home" };
    await passwordSession(t.db, { email, password: PASSWORD }, home); // a device they use
    const attacker = { ip: "192.0.2.66", userAgent: "attacker" };
    for (let i = 0; i < 10; i++) {
      await expect(passwordSession(t.db, { email, password: `guess ${i}` }, attacker)).rejects.toMatchObject({
        code: "invalid",
      });
    }
    const stranger = { ip: "192.0.2.77", userAgent: "new laptop" };
    await expect(passwordSession(t.db, { email, password: PASSWORD }, stranger)).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringContaining("Try again in 1 seconds"),
    });
    // The password is not even checked while slowed: a right guess is no different.
    await expect(passwordSession(t.db, { email, password: "guess 11" }, attacker)).rejects.toMatchObject({
      code: "rate_limited",
    });
    // Once the delay has passed, the attempt is judged again.
    const later = new Date(Date.now() + 2_000);
    await expect(passwordSession(t.db, { email, password: PASSWORD }, stranger, later)).resolves.toBeTruthy();
    // And the user's own device was never held up.
    await expect(passwordSession(t.db, { email, password: PASSWORD }, home)).resolves.toBeTruthy();
  });

  it("the delay grows with each failure, to at most 5 minutes", () => {
    expect([9, 10, 11, 12, 20, 40].map(slowdownSeconds)).toEqual([0, 1, 2, 4, 300, 300]);
  });

  it("budgets failures per IP: spraying one password over many emails is refused", async () => {
    const octet = () => Math.floor(Math.random() * 250) + 1;
    const sprayer = { ip: `10.${octet()}.${octet()}.${octet()}`, userAgent: "spray" };
    for (let i = 0; i < 50; i++) {
      await passwordSession(t.db, { email: randomEmail("victim"), password: "Summer2026!" }, sprayer).catch(
        () => {},
      );
    }
    await expect(
      passwordSession(t.db, { email: randomEmail("victim"), password: "Summer2026!" }, sprayer),
    ).rejects.toMatchObject({ code: "rate_limited" });
    const hits = await t.db.select().from(auditEvents).where(eq(auditEvents.ip, sprayer.ip));
    expect(hits.filter((e) => e.action === "rate_limit.hit")).toHaveLength(1);
  });
});

describe("sessions", () => {
  it("a revoked session stops working: signing out ends it on the server", async () => {
    const { email } = await signUp(t.db);
    const { sessionToken } = await passwordSession(t.db, { email, password: PASSWORD }, meta);
    await revokeSession(t.db, sessionToken);
    expect(await findActiveSession(t.db, sessionToken)).toBeNull();
  });

  it("signing out one session leaves the user's other sessions alone", async () => {
    const { email } = await signUp(t.db);
    const first = await passwordSession(t.db, { email, password: PASSWORD }, meta);
    const second = await passwordSession(t.db, { email, password: PASSWORD }, meta);
    await revokeSession(t.db, first.sessionToken);
    expect(await findActiveSession(t.db, second.sessionToken)).not.toBeNull();
  });

  it("a session ends at its absolute lifetime, however active", async () => {
    const { email } = await signUp(t.db);
    const { sessionToken } = await passwordSession(t.db, { email, password: PASSWORD }, NO_REQUEST_META);
    const start = Date.now();
    // Used every few days, so it never idles out.
    for (let day = 5; day < 30; day += 5) {
      expect(await findActiveSession(t.db, sessionToken, new Date(start + day * DAY))).not.toBeNull();
    }
    const justBefore = new Date(start + SESSION_LIFETIME_SECONDS * 1000 - 60_000);
    const justAfter = new Date(start + SESSION_LIFETIME_SECONDS * 1000 + 60_000);
    expect(await findActiveSession(t.db, sessionToken, justBefore)).not.toBeNull();
    expect(await findActiveSession(t.db, sessionToken, justAfter)).toBeNull();
  });

  it("a session unused for more than 7 days ends", async () => {
    const { email } = await signUp(t.db);
    const { sessionToken } = await passwordSession(t.db, { email, password: PASSWORD }, NO_REQUEST_META);
    expect(await findActiveSession(t.db, sessionToken, new Date(Date.now() + 6 * DAY))).not.toBeNull();
    expect(await findActiveSession(t.db, sessionToken, new Date(Date.now() + 14 * DAY))).toBeNull();
    const fresh = await passwordSession(t.db, { email, password: PASSWORD }, NO_REQUEST_META);
    expect(await findActiveSession(t.db, fresh.sessionToken, new Date(Date.now() + 8 * DAY))).toBeNull();
  });

  it("revokeAllSessions ends every session of the user but the one it keeps, and no one else's", async () => {
    const { email, user } = await signUp(t.db);
    const { email: otherEmail } = await signUp(t.db);
    const [a, b, c] = await Promise.all(
      [1, 2, 3].map(() => passwordSession(t.db, { email, password: PASSWORD }, NO_REQUEST_META)),
    );
    const other = await passwordSession(t.db, { email: otherEmail, password: PASSWORD }, NO_REQUEST_META);
    const keep = (await findActiveSession(t.db, a!.sessionToken))!.sessionId;
    expect(await revokeAllSessions(t.db, user.id, { except: keep })).toBe(2);
    expect(await findActiveSession(t.db, a!.sessionToken)).not.toBeNull();
    expect(await findActiveSession(t.db, b!.sessionToken)).toBeNull();
    expect(await findActiveSession(t.db, c!.sessionToken)).toBeNull();
    expect(await findActiveSession(t.db, other.sessionToken)).not.toBeNull();
  });

  it("an unknown token is no session", async () => {
    expect(await findActiveSession(t.db, "not-a-token")).toBeNull();
  });
});
