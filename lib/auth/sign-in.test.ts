import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, sessions } from "@/db/schema";
import { SESSION_LIFETIME_SECONDS } from "@/lib/config";
import { hashToken } from "@/lib/crypto/tokens";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { PASSWORD, randomEmail, signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { findActiveSession, revokeSession } from "./sessions";
import { SIGN_IN_FAILED, signInWithPassword } from "./sign-in";

const t = testDatabase();
const meta = { ip: "203.0.113.7", userAgent: "vitest" };

describe("sign in with email and password", () => {
  it("signs in with the email in any case and opens a session stored only as a hash", async () => {
    const { email, user } = await signUp(t.db);
    const { sessionToken, user: signedIn } = await signInWithPassword(
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
    await expect(signInWithPassword(t.db, { email, password: "wrong password" }, meta)).rejects.toMatchObject(
      {
        code: "invalid",
        message: SIGN_IN_FAILED,
      },
    );
    await expect(
      signInWithPassword(t.db, { email: randomEmail("nobody"), password: PASSWORD }, meta),
    ).rejects.toMatchObject({
      code: "invalid",
      message: SIGN_IN_FAILED,
    });
  });

  it("records successful and failed sign-ins, never the password", async () => {
    const { email, user } = await signUp(t.db);
    await signInWithPassword(t.db, { email, password: "not-the-password" }, meta).catch(() => {});
    await signInWithPassword(t.db, { email, password: PASSWORD }, meta);
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

  it("stops an email after 10 attempts in 15 minutes, even with the right password", async () => {
    const { email } = await signUp(t.db);
    for (let i = 0; i < 10; i++) {
      await signInWithPassword(t.db, { email, password: `guess ${i}` }, meta).catch(() => {});
    }
    await expect(signInWithPassword(t.db, { email, password: PASSWORD }, meta)).rejects.toMatchObject({
      code: "rate_limited",
    });
  });
});

describe("sessions", () => {
  it("a revoked session stops working: signing out ends it on the server", async () => {
    const { email } = await signUp(t.db);
    const { sessionToken } = await signInWithPassword(t.db, { email, password: PASSWORD }, meta);
    await revokeSession(t.db, sessionToken);
    expect(await findActiveSession(t.db, sessionToken)).toBeNull();
  });

  it("signing out one session leaves the user's other sessions alone", async () => {
    const { email } = await signUp(t.db);
    const first = await signInWithPassword(t.db, { email, password: PASSWORD }, meta);
    const second = await signInWithPassword(t.db, { email, password: PASSWORD }, meta);
    await revokeSession(t.db, first.sessionToken);
    expect(await findActiveSession(t.db, second.sessionToken)).not.toBeNull();
  });

  it("a session ends at its absolute lifetime, however active", async () => {
    const { email } = await signUp(t.db);
    const { sessionToken } = await signInWithPassword(t.db, { email, password: PASSWORD }, NO_REQUEST_META);
    const justBefore = new Date(Date.now() + SESSION_LIFETIME_SECONDS * 1000 - 60_000);
    const justAfter = new Date(Date.now() + SESSION_LIFETIME_SECONDS * 1000 + 60_000);
    expect(await findActiveSession(t.db, sessionToken, justBefore)).not.toBeNull();
    expect(await findActiveSession(t.db, sessionToken, justAfter)).toBeNull();
  });

  it("an unknown token is no session", async () => {
    expect(await findActiveSession(t.db, "not-a-token")).toBeNull();
  });
});
