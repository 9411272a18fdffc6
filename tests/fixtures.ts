import { randomBytes } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { accounts, emailOutbox, memberships, users } from "@/db/schema";
import { loadMemberContext } from "@/lib/accounts/member-context";
import { unsealBody } from "@/lib/email/seal";
import type { Db } from "@/db/client";
import type { Caller } from "@/lib/actions/action";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { verifyEmail } from "@/lib/users/email-verification";
import { signUpWithAccount, type SignUpInput } from "@/lib/users/sign-up";
import type { PlanId } from "@/lib/plans/plans";

export const PASSWORD = "correct horse battery staple";

const suffix = () => randomBytes(5).toString("hex");

/** A fresh email nobody else in this run uses. */
export const randomEmail = (name = "user") => `${name}-${suffix()}@example.test`;

/** A fresh, valid account short name. */
export const randomShortName = (prefix = "team") => `${prefix}-${suffix()}`;

/** Signs up through the real sign-up, for an address nobody has: the user and account it made. */
export async function createUserWithAccount(db: Db, input: SignUpInput) {
  const outcome = await signUpWithAccount(db, input, NO_REQUEST_META);
  if (outcome.status !== "created") throw new Error(`${input.email} already has a user`);
  return outcome;
}

/**
 * Signs up a new user with their own account, through the real sign-up, and confirms their
 * email through the real link (unless `verified: false`), as a person who signed up would.
 */
export async function signUp(
  db: Db,
  overrides: { name?: string; email?: string; shortName?: string; verified?: boolean } = {},
) {
  const input = {
    name: overrides.name ?? "Test User",
    email: overrides.email ?? randomEmail(),
    password: PASSWORD,
    shortName: overrides.shortName ?? randomShortName(),
  };
  const { user, account } = await createUserWithAccount(db, input);
  if (overrides.verified !== false) {
    const { token } = await linkInLatestEmail(db, input.email, "/verify-email/");
    await verifyEmail(db, token, user, NO_REQUEST_META);
  }
  return { user, account, email: input.email };
}

/** Signs in through the real sign-in a user without two-factor: the session it opened. */
export async function passwordSession(...args: Parameters<typeof signInWithPassword>) {
  const outcome = await signInWithPassword(...args);
  if (outcome.status !== "signed_in") throw new Error("this user signs in with two-factor");
  return outcome;
}

/** Signs in through the real sign-in and returns the caller a server action sees. */
export async function callerFor(db: Db, email: string, password = PASSWORD): Promise<Caller> {
  const { sessionToken } = await passwordSession(db, { email, password }, NO_REQUEST_META);
  return { sessionToken, meta: NO_REQUEST_META };
}

export const SIGNED_OUT: Caller = { sessionToken: null, meta: NO_REQUEST_META };

/** The member context of a user in an account, as actions and pages load it. */
export async function memberContextOf(db: Db, user: { id: string }, shortName: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      displayName: users.displayName,
      emailVerifiedAt: users.emailVerifiedAt,
      twoFactorEnabledAt: users.twoFactorEnabledAt,
    })
    .from(users)
    .where(eq(users.id, user.id));
  const ctx = row && (await loadMemberContext(db, row, shortName));
  if (!ctx) throw new Error(`${user.id} is not a member of ${shortName}`);
  return ctx;
}

/** The link in the latest email sent to `to` whose path starts with `pathPrefix`, read from the outbox. */
export async function linkInLatestEmail(db: Db, to: string, pathPrefix: string) {
  const [email] = await db
    .select({ sealedBody: emailOutbox.sealedBody })
    .from(emailOutbox)
    .where(eq(emailOutbox.to, to))
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  if (!email?.sealedBody) throw new Error(`no email to ${to}`);
  const match = unsealBody(email.sealedBody).text.match(
    new RegExp(`https?://[^\\s]+${pathPrefix}([A-Za-z0-9_-]+)`),
  );
  if (!match?.[1]) throw new Error(`no ${pathPrefix} link in the latest email to ${to}`);
  return { url: match[0], token: match[1] };
}

/** A role to join with: a built-in one, or a custom role by id. */
export type JoinRole = "admin" | "member" | "guest" | { customRoleId: string };

/**
 * Signs up a new person (with an account of their own) and adds them to the account
 * `accountId` with `role`, as accepting an invitation would: the person, and their membership id.
 */
export async function signUpAndJoin(db: Db, accountId: string, role: JoinRole, name = "Test User") {
  const person = await signUp(db, { name, email: randomEmail(name.split(" ")[0]!.toLowerCase()) });
  const [membership] = await db
    .insert(memberships)
    .values({
      accountId,
      userId: person.user.id,
      ...(typeof role === "string" ? { role } : { role: "custom" as const, customRoleId: role.customRoleId }),
    })
    .returning({ id: memberships.id });
  return { ...person, membershipId: membership!.id };
}

/** Puts an account on a plan directly, for tests that need more people or projects than Free allows. */
export async function onPlan(db: Db, accountId: string, plan: PlanId) {
  await db.update(accounts).set({ plan }).where(eq(accounts.id, accountId));
}
