import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, memberships, users } from "@/db/schema";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { PASSWORD, signUp, passwordSession } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { removeStaleUnverifiedUsers } from "./remove-stale-unverified";

const t = testDatabase();
const DAY = 24 * 60 * 60 * 1000;
const inEightDays = () => new Date(Date.now() + 8 * DAY);

const userExists = async (id: string) => (await t.db.select().from(users).where(eq(users.id, id))).length > 0;

describe("removing stale unconfirmed users", () => {
  it("removes a user unconfirmed for 7 days with no activity, and the account only they belong to", async () => {
    const stale = await signUp(t.db, { verified: false });
    await removeStaleUnverifiedUsers(t.db, inEightDays());
    expect(await userExists(stale.user.id)).toBe(false);
    expect(await t.db.select().from(accounts).where(eq(accounts.id, stale.account.id))).toEqual([]);
  });

  it("keeps confirmed users, recent sign-ups, users still signing in, and users in shared accounts", async () => {
    const confirmed = await signUp(t.db);
    const recent = await signUp(t.db, { verified: false });
    const active = await signUp(t.db, { verified: false });
    const shared = await signUp(t.db, { verified: false });
    // Someone else joined the shared account.
    await t.db
      .insert(memberships)
      .values({ accountId: shared.account.id, userId: confirmed.user.id, role: "member" });
    // The active one signs in a week later: their session is seen within the last 7 days.
    const { sessionToken } = await passwordSession(
      t.db,
      { email: active.email, password: PASSWORD },
      NO_REQUEST_META,
    );
    expect(sessionToken).toBeTruthy();
    await t.db
      .update(users)
      .set({ createdAt: new Date(Date.now() - 10 * DAY) })
      .where(eq(users.id, active.user.id));

    await removeStaleUnverifiedUsers(t.db, new Date(Date.now() + 3 * DAY));
    expect(await userExists(recent.user.id)).toBe(true);
    expect(await userExists(active.user.id)).toBe(true);
    await removeStaleUnverifiedUsers(t.db, inEightDays());
    expect(await userExists(confirmed.user.id)).toBe(true);
    expect(await userExists(shared.user.id)).toBe(true);
  });
});
