import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import type { Caller } from "@/lib/actions/action";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { signUpWithAccount } from "@/lib/users/sign-up";

export const PASSWORD = "correct horse battery staple";

const suffix = () => randomBytes(5).toString("hex");

/** A fresh email nobody else in this run uses. */
export const randomEmail = (name = "user") => `${name}-${suffix()}@example.test`;

/** A fresh, valid account short name. */
export const randomShortName = (prefix = "team") => `${prefix}-${suffix()}`;

/** Signs up a new user with their own account, through the real sign-up. */
export async function signUp(db: Db, overrides: { name?: string; email?: string; shortName?: string } = {}) {
  const input = {
    name: overrides.name ?? "Test User",
    email: overrides.email ?? randomEmail(),
    password: PASSWORD,
    shortName: overrides.shortName ?? randomShortName(),
  };
  const { user, account } = await signUpWithAccount(db, input, NO_REQUEST_META);
  return { user, account, email: input.email };
}

/** Signs in through the real sign-in and returns the caller a server action sees. */
export async function callerFor(db: Db, email: string, password = PASSWORD): Promise<Caller> {
  const { sessionToken } = await signInWithPassword(db, { email, password }, NO_REQUEST_META);
  return { sessionToken, meta: NO_REQUEST_META };
}

export const SIGNED_OUT: Caller = { sessionToken: null, meta: NO_REQUEST_META };
