import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emailOutbox, users } from "@/db/schema";
import { findActiveSession } from "@/lib/auth/sessions";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { linkInLatestEmail, PASSWORD, randomEmail, signUp, passwordSession } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import {
  ADDRESS_UNAVAILABLE,
  confirmEmailChange,
  EMAIL_CHANGE_LINK_INVALID,
  requestEmailChange,
} from "./email-change";

const t = testDatabase();
const meta = NO_REQUEST_META;

async function me() {
  const { user, email } = await signUp(t.db);
  return { id: user.id, email, name: user.name };
}

const latestSubjectTo = async (to: string) =>
  (
    await t.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.to, to))
      .orderBy(desc(emailOutbox.createdAt))
      .limit(1)
  )[0]?.subject;

describe("changing my email", () => {
  it("changes the sign-in address only once the link to the new one is followed; the old one is told", async () => {
    const user = await me();
    const newEmail = randomEmail("moved");
    await requestEmailChange(t.db, user, { newEmail, password: PASSWORD }, meta);
    expect(await latestSubjectTo(user.email)).toBe("A change of your Roster email address was requested");
    await expect(
      passwordSession(t.db, { email: user.email, password: PASSWORD }, meta),
    ).resolves.toBeTruthy();

    const { token } = await linkInLatestEmail(t.db, newEmail, "/confirm-email/");
    await confirmEmailChange(t.db, token, null, meta);
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.email).toBe(newEmail);
    await expect(passwordSession(t.db, { email: newEmail, password: PASSWORD }, meta)).resolves.toBeTruthy();
    await expect(confirmEmailChange(t.db, token, null, meta)).rejects.toMatchObject({
      message: EMAIL_CHANGE_LINK_INVALID,
    });
  });

  it("ends every other session: a replayed cookie is refused, the confirmer's own stays", async () => {
    const user = await me();
    const here = await passwordSession(t.db, { email: user.email, password: PASSWORD }, meta);
    const there = await passwordSession(t.db, { email: user.email, password: PASSWORD }, meta);
    const hereId = (await findActiveSession(t.db, here.sessionToken))!.sessionId;
    const newEmail = randomEmail("moved");
    await requestEmailChange(t.db, user, { newEmail, password: PASSWORD }, meta);
    const { token } = await linkInLatestEmail(t.db, newEmail, "/confirm-email/");
    await confirmEmailChange(t.db, token, { userId: user.id, sessionId: hereId }, meta);
    expect(await findActiveSession(t.db, here.sessionToken)).not.toBeNull();
    expect(await findActiveSession(t.db, there.sessionToken)).toBeNull();
  });

  it("refuses a taken address without saying whose, and a wrong password", async () => {
    const user = await me();
    const other = await me();
    await expect(
      requestEmailChange(t.db, user, { newEmail: other.email.toUpperCase(), password: PASSWORD }, meta),
    ).rejects.toMatchObject({ code: "conflict", message: ADDRESS_UNAVAILABLE, field: "newEmail" });
    await expect(
      requestEmailChange(t.db, user, { newEmail: randomEmail(), password: "wrong" }, meta),
    ).rejects.toMatchObject({ field: "password" });
  });

  it("a newer request's link supersedes the older one", async () => {
    const user = await me();
    const first = randomEmail("first");
    const second = randomEmail("second");
    await requestEmailChange(t.db, user, { newEmail: first, password: PASSWORD }, meta);
    const older = await linkInLatestEmail(t.db, first, "/confirm-email/");
    await requestEmailChange(t.db, user, { newEmail: second, password: PASSWORD }, meta);
    await expect(confirmEmailChange(t.db, older.token, null, meta)).rejects.toMatchObject({
      message: EMAIL_CHANGE_LINK_INVALID,
    });
  });

  it("an address taken between request and confirmation is refused, and nothing changes", async () => {
    const user = await me();
    const contested = randomEmail("contested");
    await requestEmailChange(t.db, user, { newEmail: contested, password: PASSWORD }, meta);
    const { token } = await linkInLatestEmail(t.db, contested, "/confirm-email/");
    await signUp(t.db, { email: contested });
    await expect(confirmEmailChange(t.db, token, null, meta)).rejects.toMatchObject({
      message: ADDRESS_UNAVAILABLE,
    });
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.email).toBe(user.email);
  });
});
