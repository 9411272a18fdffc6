import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, invitations, memberships } from "@/db/schema";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { passwordSession, PASSWORD, signUp, signUpAndJoin } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { findActiveSession, findActiveSessionWithFrame, revokeSession } from "./sessions";

// A page reads its frame (the account switcher, the count of open invitations) with the session,
// in the session's one statement: what the frame shows must be what the two lists used to show.

const t = testDatabase();
const DAY = 24 * 60 * 60 * 1000;

describe("the session with the page's frame", () => {
  it("lists the accounts the user may open, by name, and counts the invitations open to them", async () => {
    const zed = await signUp(t.db, { name: "Zed Owner" });
    const me = await signUpAndJoin(t.db, zed.account.id, "guest", "Mia Member");
    const elsewhere = await signUp(t.db, { name: "Ann Owner" });
    const waiting = await signUp(t.db, { name: "Wendy Owner" });
    const disabled = await signUp(t.db, { name: "Dora Owner" });
    await t.db.insert(memberships).values([
      { accountId: elsewhere.account.id, userId: me.user.id, role: "admin" },
      {
        accountId: waiting.account.id,
        userId: me.user.id,
        role: "member",
        awaitingApprovalSince: new Date(),
      },
      { accountId: disabled.account.id, userId: me.user.id, role: "member", disabledAt: new Date() },
    ]);
    const inviters = await Promise.all([signUp(t.db), signUp(t.db), signUp(t.db), signUp(t.db)]);
    const invite = (i: number, extra: Partial<typeof invitations.$inferInsert>) => ({
      accountId: inviters[i]!.account.id,
      email: me.email.toUpperCase(), // an address matches whatever its case
      role: "member" as const,
      tokenHash: `hash-${i}-${Math.random()}`,
      expiresAt: new Date(Date.now() + 7 * DAY),
      ...extra,
    });
    await t.db.insert(invitations).values([
      invite(0, {}),
      invite(1, {}),
      invite(2, { expiresAt: new Date(Date.now() - DAY) }), // expired: not open
      invite(3, { status: "declined", respondedAt: new Date() }),
    ]);
    const { sessionToken } = await passwordSession(
      t.db,
      { email: me.email, password: PASSWORD },
      NO_REQUEST_META,
    );

    const named = async (account: { id: string; shortName: string }, displayName: string) => {
      await t.db.update(accounts).set({ displayName }).where(eq(accounts.id, account.id));
      return { id: account.id, shortName: account.shortName, displayName, customRoleName: null };
    };
    const expected = [
      { ...(await named(elsewhere.account, "Alpha")), role: "admin" },
      { ...(await named(me.account, "Bravo")), role: "owner" },
      { ...(await named(zed.account, "Charlie")), role: "guest" },
    ];

    const session = await findActiveSessionWithFrame(t.db, sessionToken);
    expect(session?.frame).toEqual({ accounts: expected, invitationCount: 2 });
    // The same session as without the frame.
    const plain = await findActiveSession(t.db, sessionToken);
    expect({ ...session, frame: undefined }).toEqual({ ...plain, frame: undefined });

    // Removed from an account: gone from the frame at the next request.
    await t.db.delete(memberships).where(eq(memberships.id, me.membershipId));
    expect(
      (await findActiveSessionWithFrame(t.db, sessionToken))?.frame.accounts.map((a) => a.id),
    ).not.toContain(zed.account.id);

    // A revoked session has no frame either.
    await revokeSession(t.db, sessionToken);
    expect(await findActiveSessionWithFrame(t.db, sessionToken)).toBeNull();
  });
});
