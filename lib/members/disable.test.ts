import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { homeAccountOf } from "@/lib/accounts/queries";
import { findActiveSession } from "@/lib/auth/sessions";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { resetPassword } from "@/lib/users/password-reset";
import {
  linkInLatestEmail,
  memberContextOf,
  PASSWORD,
  passwordSession,
  signUp,
  signUpAndJoin,
  type JoinRole,
} from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { setMemberDisabled } from "./disable";
import { OWNER_IS_FIXED } from "./manage";
import { sendPasswordResetByAdmin } from "./password-reset-by-admin";

const t = testDatabase();
const meta = NO_REQUEST_META;

/** An account with its owner, and a way to add people (each also has an account of their own). */
async function team() {
  const owner = await signUp(t.db, { name: "Olga Owner" });
  const shortName = owner.account.shortName;
  const add = async (role: JoinRole, name: string) => {
    const person = await signUpAndJoin(t.db, owner.account.id, role, name);
    return { ...person, ctx: () => memberContextOf(t.db, person.user, shortName) };
  };
  const ownerCtx = await memberContextOf(t.db, owner.user, shortName);
  return { owner, ownerCtx, shortName, add };
}

const events = (membershipId: string) =>
  t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, membershipId));

describe("disabling a member", () => {
  it("shuts them out of the account at once and keeps everything for when they are enabled again", async () => {
    const { shortName, add } = await team();
    const admin = await add("admin", "Ada Admin");
    const member = await add("member", "Max Member");

    await setMemberDisabled(t.db, await admin.ctx(), member.membershipId, true, meta);
    // A double-click changes nothing more.
    await setMemberDisabled(t.db, await admin.ctx(), member.membershipId, true, meta);
    const disabled = await member.ctx();
    expect(disabled?.disabled).toBe(true);
    // `/` no longer sends them there: their own account comes first.
    expect(await homeAccountOf(t.db, member.user.id)).not.toBe(shortName);

    await setMemberDisabled(t.db, await admin.ctx(), member.membershipId, false, meta);
    const enabled = await member.ctx();
    expect(enabled).toMatchObject({ disabled: false, membership: { role: "member" } });
    expect((await events(member.membershipId)).map((e) => e.action)).toEqual([
      "member.disabled",
      "member.enabled",
    ]);
  });

  it("follows the rank rule: never the owner, never oneself, never someone holding more", async () => {
    const { ownerCtx, add } = await team();
    const admin = await add("admin", "Ada Admin");
    const role = await createCustomRole(
      t.db,
      ownerCtx,
      { name: "People desk", description: "", permissions: ["members.read", "members.manage"] },
      meta,
    );
    const desk = await add({ customRoleId: role!.id }, "Dee Desk");
    await expect(
      setMemberDisabled(t.db, await desk.ctx(), admin.membershipId, true, meta),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      setMemberDisabled(t.db, await admin.ctx(), ownerCtx.membership.id, true, meta),
    ).rejects.toMatchObject({ code: "forbidden", message: OWNER_IS_FIXED });
    await expect(
      setMemberDisabled(t.db, await admin.ctx(), admin.membershipId, true, meta),
    ).rejects.toMatchObject({ code: "invalid" });
    expect(await events(admin.membershipId)).toEqual([]);
  });
});

describe("password resets sent by an administrator", () => {
  it("a reset link: the member's password keeps working until they choose a new one", async () => {
    const { add } = await team();
    const admin = await add("admin", "Ada Admin");
    const member = await add("member", "Max Member");
    await sendPasswordResetByAdmin(t.db, await admin.ctx(), member.membershipId, { force: false }, meta);
    const { token } = await linkInLatestEmail(t.db, member.email, "/reset-password/");
    await expect(
      passwordSession(t.db, { email: member.email, password: PASSWORD }, meta),
    ).resolves.toBeTruthy();
    await resetPassword(t.db, token, "a brand new passphrase", meta);
    await expect(
      passwordSession(t.db, { email: member.email, password: "a brand new passphrase" }, meta),
    ).resolves.toBeTruthy();
    expect((await events(member.membershipId)).map((e) => e.action)).toEqual(["member.password_reset_sent"]);
  });

  it("forcing one ends their sessions and voids the password until they use the link", async () => {
    const { add } = await team();
    const admin = await add("admin", "Ada Admin");
    const member = await add("member", "Max Member");
    const { sessionToken } = await passwordSession(t.db, { email: member.email, password: PASSWORD }, meta);
    await sendPasswordResetByAdmin(t.db, await admin.ctx(), member.membershipId, { force: true }, meta);
    expect(await findActiveSession(t.db, sessionToken)).toBeNull();
    await expect(
      passwordSession(t.db, { email: member.email, password: PASSWORD }, meta),
    ).rejects.toMatchObject({ code: "invalid" });
    const { token } = await linkInLatestEmail(t.db, member.email, "/reset-password/");
    await resetPassword(t.db, token, "chosen after the reset", meta);
    await expect(
      passwordSession(t.db, { email: member.email, password: "chosen after the reset" }, meta),
    ).resolves.toBeTruthy();
  });

  it("sends one person at most three links an hour, and never to oneself", async () => {
    const { add } = await team();
    const admin = await add("admin", "Ada Admin");
    const member = await add("member", "Max Member");
    for (let i = 0; i < 3; i++) {
      await sendPasswordResetByAdmin(t.db, await admin.ctx(), member.membershipId, { force: false }, meta);
    }
    await expect(
      sendPasswordResetByAdmin(t.db, await admin.ctx(), member.membershipId, { force: false }, meta),
    ).rejects.toMatchObject({ code: "rate_limited" });
    await expect(
      sendPasswordResetByAdmin(t.db, await admin.ctx(), admin.membershipId, { force: false }, meta),
    ).rejects.toMatchObject({ code: "invalid" });
  });
});
