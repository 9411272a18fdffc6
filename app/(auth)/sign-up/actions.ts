"use server";

import { publicAction } from "@/lib/actions/action";
import { signIn } from "@/lib/auth/auth";
import { signUpSchema } from "@/lib/users/schemas";
import { signUpWithAccount } from "@/lib/users/sign-up";

/** Creates the user, their account and owner membership, signs them in and opens the account. */
export const signUpAction = publicAction(signUpSchema, async (input, { db, meta }) => {
  const { account } = await signUpWithAccount(db, input, meta);
  await signIn("credentials", {
    email: input.email,
    password: input.password,
    redirectTo: `/a/${account.shortName}`,
  });
  return null;
});
