import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, emailOutbox, users } from "@/db/schema";
import { findActiveSession } from "@/lib/auth/sessions";
import { inviteMembers } from "@/lib/invitations/invite";
import { acceptInvitationAsNewUser, findInvitationByToken } from "@/lib/invitations/accept";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import {
  linkInLatestEmail,
  memberContextOf,
  PASSWORD,
  randomEmail,
  randomShortName,
  signUp,
  passwordSession,
} from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { verifyEmail } from "./email-verification";
import { requestPasswordReset, RESET_LINK_INVALID, resetPassword } from "./password-reset";
import { signUpWithAccount } from "./sign-up";

const t = testDatabase();
const meta = NO_REQUEST_META;
const NEW_PASSWORD = "a brand new password";

const emailsTo = (to: string) => t.db.select().from(emailOutbox).where(eq(emailOutbox.to, to));

describe("forgot password", () => {
  it("emails a link for an address with a user, and nothing (but the same answer) for one without", async () => {
    const { email } = await signUp(t.db);
    const before = (await emailsTo(email)).length;
    await expect(requestPasswordReset(t.db, email, meta)).resolves.toBeUndefined();
    expect(await emailsTo(email)).toHaveLength(before + 1);
    const { url } = await linkInLatestEmail(t.db, email, "/reset-password/");
    expect(url).toContain("/reset-password/");

    const nobody = randomEmail("nobody");
    await expect(requestPasswordReset(t.db, nobody, meta)).resolves.toBeUndefined();
    expect(await emailsTo(nobody)).toEqual([]);
  });

  it("sets the new password once; the link then stops working", async () => {
    const { email } = await signUp(t.db);
    await requestPasswordReset(t.db, email, meta);
    const { token } = await linkInLatestEmail(t.db, email, "/reset-password/");
    await resetPassword(t.db, token, NEW_PASSWORD, meta);
    await expect(passwordSession(t.db, { email, password: PASSWORD }, meta)).rejects.toMatchObject({
      code: "invalid",
    });
    await expect(passwordSession(t.db, { email, password: NEW_PASSWORD }, meta)).resolves.toBeTruthy();
    await expect(resetPassword(t.db, token, "yet another password", meta)).rejects.toMatchObject({
      message: RESET_LINK_INVALID,
    });
  });

  it("a link expires after 1 hour", async () => {
    const { email } = await signUp(t.db);
    await requestPasswordReset(t.db, email, meta);
    const { token } = await linkInLatestEmail(t.db, email, "/reset-password/");
    const later = new Date(Date.now() + 61 * 60 * 1000);
    await expect(resetPassword(t.db, token, NEW_PASSWORD, meta, later)).rejects.toMatchObject({
      message: RESET_LINK_INVALID,
    });
  });

  it("a newer link supersedes the older one", async () => {
    const { email } = await signUp(t.db);
    await requestPasswordReset(t.db, email, meta);
    const older = await linkInLatestEmail(t.db, email, "/reset-password/");
    await requestPasswordReset(t.db, email, meta);
    const newer = await linkInLatestEmail(t.db, email, "/reset-password/");
    await expect(resetPassword(t.db, older.token, NEW_PASSWORD, meta)).rejects.toMatchObject({
      message: RESET_LINK_INVALID,
    });
    await resetPassword(t.db, newer.token, NEW_PASSWORD, meta);
  });

  it("ends every session of the user: a replayed cookie is refused", async () => {
    const { email } = await signUp(t.db);
    const laptop = await passwordSession(t.db, { email, password: PASSWORD }, meta);
    const phone = await passwordSession(t.db, { email, password: PASSWORD }, meta);
    await requestPasswordReset(t.db, email, meta);
    const { token } = await linkInLatestEmail(t.db, email, "/reset-password/");
    await resetPassword(t.db, token, NEW_PASSWORD, meta);
    expect(await findActiveSession(t.db, laptop.sessionToken)).toBeNull();
    expect(await findActiveSession(t.db, phone.sessionToken)).toBeNull();
  });

  it("keeps working for an email under attack, and ends the attack's slowdown", async () => {
    const { email } = await signUp(t.db);
    const attacker = { ip: "192.0.2.200", userAgent: "attacker" };
    for (let i = 0; i < 12; i++) {
      await passwordSession(t.db, { email, password: `guess ${i}` }, attacker).catch(() => {});
    }
    await requestPasswordReset(t.db, email, { ip: "198.51.100.9", userAgent: "owner" });
    const { token } = await linkInLatestEmail(t.db, email, "/reset-password/");
    await resetPassword(t.db, token, NEW_PASSWORD, meta);
    const newDevice = { ip: "198.51.100.10", userAgent: "owner's new phone" };
    await expect(passwordSession(t.db, { email, password: NEW_PASSWORD }, newDevice)).resolves.toBeTruthy();
  });

  it("limits reset requests per network", async () => {
    const network = {
      ip: `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      userAgent: "x",
    };
    for (let i = 0; i < 10; i++) await requestPasswordReset(t.db, randomEmail("any"), network);
    await expect(requestPasswordReset(t.db, randomEmail("any"), network)).rejects.toMatchObject({
      code: "rate_limited",
    });
  });
});

describe("pre-registration takeover fails", () => {
  /** Mallory signs up with the address of someone who has not joined yet, with her own password. */
  async function preRegister() {
    const victim = randomEmail("new-hire");
    const malloryPassword = "mallory's own password";
    const outcome = await signUpWithAccount(
      t.db,
      { name: "Mallory", email: victim, password: malloryPassword, shortName: randomShortName("mal") },
      meta,
    );
    if (outcome.status !== "created") throw new Error("expected a new user");
    const mallory = await passwordSession(t.db, { email: victim, password: malloryPassword }, meta);
    return { victim, user: outcome.user, malloryPassword, mallory };
  }

  it("the verification link, opened by the real owner, confirms nothing for Mallory's user without her password", async () => {
    const { victim, user } = await preRegister();
    const { token } = await linkInLatestEmail(t.db, victim, "/verify-email/");
    const { user: someoneElse } = await signUp(t.db);
    await expect(verifyEmail(t.db, token, someoneElse, meta)).rejects.toMatchObject({ code: "forbidden" });
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.emailVerifiedAt).toBeNull();
  });

  it("a password reset to the address hands the user to its owner and ends Mallory's sessions", async () => {
    const { victim, user, malloryPassword, mallory } = await preRegister();
    await requestPasswordReset(t.db, victim, meta);
    const { token } = await linkInLatestEmail(t.db, victim, "/reset-password/");
    await resetPassword(t.db, token, NEW_PASSWORD, meta);

    expect(await findActiveSession(t.db, mallory.sessionToken)).toBeNull();
    await expect(
      passwordSession(t.db, { email: victim, password: malloryPassword }, meta),
    ).rejects.toMatchObject({
      code: "invalid",
    });
    const owner = await passwordSession(t.db, { email: victim, password: NEW_PASSWORD }, meta);
    expect(owner.user.id).toBe(user.id);
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.emailVerifiedAt).toBeInstanceOf(Date);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "user.taken_over")));
    expect(events).toHaveLength(1);
  });

  it("an invitation to the address lets its owner set up the user and join; Mallory is out", async () => {
    const { victim, user, malloryPassword, mallory } = await preRegister();
    const inviter = await signUp(t.db);
    const ctx = await memberContextOf(t.db, inviter.user, inviter.account.shortName);
    await inviteMembers(t.db, ctx, { emails: victim, role: "member" }, meta);
    const { token } = await linkInLatestEmail(t.db, victim, "/invite/");

    // The invitation page offers to create the user, not to sign in to Mallory's.
    expect((await findInvitationByToken(t.db, token))?.userExists).toBe(false);
    const { account } = await acceptInvitationAsNewUser(
      t.db,
      token,
      { name: "Nina New-Hire", password: NEW_PASSWORD },
      meta,
    );
    expect(account.shortName).toBe(inviter.account.shortName);

    expect(await findActiveSession(t.db, mallory.sessionToken)).toBeNull();
    await expect(
      passwordSession(t.db, { email: victim, password: malloryPassword }, meta),
    ).rejects.toMatchObject({
      code: "invalid",
    });
    const owner = await passwordSession(t.db, { email: victim, password: NEW_PASSWORD }, meta);
    expect(owner.user).toMatchObject({ id: user.id, name: "Nina New-Hire" });
  });

  it("an invitation to a confirmed user's address still asks them to sign in", async () => {
    const invitee = await signUp(t.db);
    const inviter = await signUp(t.db);
    const ctx = await memberContextOf(t.db, inviter.user, inviter.account.shortName);
    await inviteMembers(t.db, ctx, { emails: invitee.email, role: "member" }, meta);
    const { token } = await linkInLatestEmail(t.db, invitee.email, "/invite/");
    expect((await findInvitationByToken(t.db, token))?.userExists).toBe(true);
    await expect(
      acceptInvitationAsNewUser(t.db, token, { name: "Impostor", password: NEW_PASSWORD }, meta),
    ).rejects.toMatchObject({ code: "conflict" });
  });
});
