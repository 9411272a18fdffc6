"use server";

import { redirect } from "next/navigation";
import { userAction } from "@/lib/actions/action";
import { createAccount } from "@/lib/accounts/create-account";
import { newAccountSchema } from "@/lib/accounts/schemas";

/** A signed-in user adds an account (they become its owner) and opens it. */
export const createAccountAction = userAction(newAccountSchema, async (input, { db, user, meta }) => {
  const account = await createAccount(db, user, input, meta);
  redirect(`/a/${account.shortName}`);
});
