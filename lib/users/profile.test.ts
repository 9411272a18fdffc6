import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { findActiveSession, listLiveSessions } from "@/lib/auth/sessions";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { PASSWORD, randomShortName, signUp, passwordSession } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import {
  changePassword,
  signOutOtherSessions,
  signOutSession,
  updateProfile,
  USERNAME_TAKEN,
} from "./profile";

const t = testDatabase();
const meta = NO_REQUEST_META;

async function signedInTwice() {
  const { user, email } = await signUp(t.db);
  const here = await passwordSession(t.db, { email, password: PASSWORD }, meta);
  const there = await passwordSession(t.db, { email, password: PASSWORD }, meta);
  const hereId = (await findActiveSession(t.db, here.sessionToken))!.sessionId;
  const thereId = (await findActiveSession(t.db, there.sessionToken))!.sessionId;
  return { me: { id: user.id, email }, here, there, hereId, thereId };
}

describe("my profile", () => {
  it("saves names and company; empty optional fields are cleared", async () => {
    const { user, email } = await signUp(t.db);
    const me = { id: user.id, email };
    await updateProfile(
      t.db,
      me,
      { name: "Ada Lovelace", displayName: "Ada", username: "ada-l", company: "Analytical Engines" },
      meta,
    );
    let [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({
      name: "Ada Lovelace",
      displayName: "Ada",
      username: "ada-l",
      company: "Analytical Engines",
    });
    await updateProfile(t.db, me, { name: "Ada Lovelace", displayName: "", username: "", company: "" }, meta);
    [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ displayName: null, username: null, company: null });
  });

  it("a user name is unique whatever its case", async () => {
    const first = await signUp(t.db);
    const second = await signUp(t.db);
    const name = randomShortName("Handle");
    await updateProfile(
      t.db,
      { id: first.user.id, email: first.email },
      { name: "A", displayName: "", username: name, company: "" },
      meta,
    );
    await expect(
      updateProfile(
        t.db,
        { id: second.user.id, email: second.email },
        { name: "B", displayName: "", username: name.toUpperCase(), company: "" },
        meta,
      ),
    ).rejects.toMatchObject({ code: "conflict", field: "username", message: USERNAME_TAKEN });
  });
});

describe("changing my password", () => {
  it("needs the current password, then ends my other sessions and keeps this one", async () => {
    const { me, here, there, hereId } = await signedInTwice();
    await expect(
      changePassword(t.db, me, hereId, { currentPassword: "not it", newPassword: "a new password" }, meta),
    ).rejects.toMatchObject({ field: "currentPassword" });
    expect(await findActiveSession(t.db, there.sessionToken)).not.toBeNull();

    await changePassword(
      t.db,
      me,
      hereId,
      { currentPassword: PASSWORD, newPassword: "a new password" },
      meta,
    );
    expect(await findActiveSession(t.db, here.sessionToken)).not.toBeNull();
    expect(await findActiveSession(t.db, there.sessionToken)).toBeNull(); // the replayed cookie is refused
    await expect(
      passwordSession(t.db, { email: me.email, password: "a new password" }, meta),
    ).resolves.toBeTruthy();
  });
});

describe("my sessions", () => {
  it("lists them; signing out one or everywhere else ends them at once", async () => {
    const { me, here, there, hereId, thereId } = await signedInTwice();
    const third = await passwordSession(t.db, { email: me.email, password: PASSWORD }, meta);
    expect((await listLiveSessions(t.db, me.id)).map((s) => s.id)).toEqual(
      expect.arrayContaining([hereId, thereId]),
    );

    await signOutSession(t.db, me, thereId, meta);
    expect(await findActiveSession(t.db, there.sessionToken)).toBeNull();
    await expect(signOutSession(t.db, me, thereId, meta)).rejects.toMatchObject({ code: "not_found" });

    expect(await signOutOtherSessions(t.db, me, hereId, meta)).toEqual({ sessionsEnded: 1 });
    expect(await findActiveSession(t.db, third.sessionToken)).toBeNull();
    expect(await findActiveSession(t.db, here.sessionToken)).not.toBeNull();
    expect((await listLiveSessions(t.db, me.id)).map((s) => s.id)).toEqual([hereId]);
  });

  it("nobody signs out someone else's session", async () => {
    const { thereId, there } = await signedInTwice();
    const stranger = await signUp(t.db);
    await expect(
      signOutSession(t.db, { id: stranger.user.id, email: stranger.email }, thereId, meta),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await findActiveSession(t.db, there.sessionToken)).not.toBeNull();
  });
});
