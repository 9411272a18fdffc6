"use server";

import { publicAction } from "@/lib/actions/action";
import { startSession } from "@/lib/auth/start-session";
import { signUpSchema } from "@/lib/users/schemas";
import { signUpWithAccount } from "@/lib/users/sign-up";

/** Creates the user, their account and owner membership, signs them in and opens the account. */
export const signUpAction = publicAction(signUpSchema, async (input, { db, meta }) => {
  const { account } = await signUpWithAccount(db, input, meta);
  await startSession(input.email, input.password, `/a/${account.shortName}`);
  return null;
});
