import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users, type MembershipRole } from "@/db/schema";
import type { Caller } from "@/lib/actions/action";
import { callerFor, randomEmail, SIGNED_OUT, signUp } from "@/tests/fixtures";

/** Every kind of caller the authorization matrix tries each action as. */
export const ACTORS = [
  "signedOut",
  "otherAccountMember",
  "otherAccountOwner",
  "guest",
  "member",
  "admin",
  "owner",
] as const;
export type Actor = (typeof ACTORS)[number];

export type World = {
  db: Db;
  /** The account the actions target. */
  account: { id: string; shortName: string };
  /** Another account, where the "other account" actors belong. */
  otherAccount: { id: string; shortName: string };
  callers: Record<Actor, Caller>;
  /** Adds a fresh user to the target account with a role (a target for member actions). */
  addMember: (
    role: MembershipRole,
    name?: string,
  ) => Promise<{ userId: string; membershipId: string; email: string }>;
};

async function addMemberTo(db: Db, accountId: string, role: MembershipRole, name = "Someone") {
  const email = randomEmail(role);
  // Created through sign-up (with an account of their own), then added here with `role`.
  const { user } = await signUp(db, { email, name });
  const [membership] = await db
    .insert(memberships)
    .values({ accountId, userId: user.id, role })
    .returning({ id: memberships.id });
  await db.update(users).set({ lastAccountId: null }).where(eq(users.id, user.id));
  return { userId: user.id, membershipId: membership!.id, email };
}

/** One account with an owner, an administrator, a member and a guest, and an unrelated account. */
export async function buildWorld(db: Db): Promise<World> {
  const owner = await signUp(db, { name: "Owner" });
  const other = await signUp(db, { name: "Other Owner" });
  const account = { id: owner.account.id, shortName: owner.account.shortName };
  const otherAccount = { id: other.account.id, shortName: other.account.shortName };
  const admin = await addMemberTo(db, account.id, "admin", "Admin");
  const member = await addMemberTo(db, account.id, "member", "Member");
  const guest = await addMemberTo(db, account.id, "guest", "Guest");
  const otherMember = await addMemberTo(db, otherAccount.id, "member", "Other Member");
  return {
    db,
    account,
    otherAccount,
    callers: {
      signedOut: SIGNED_OUT,
      otherAccountMember: await callerFor(db, otherMember.email),
      otherAccountOwner: await callerFor(db, other.email),
      guest: await callerFor(db, guest.email),
      member: await callerFor(db, member.email),
      admin: await callerFor(db, admin.email),
      owner: await callerFor(db, owner.email),
    },
    addMember: (role, name) => addMemberTo(db, account.id, role, name),
  };
}
