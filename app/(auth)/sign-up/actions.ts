"use server";

import { publicAction } from "@/lib/actions/action";
import { enforceRateLimit } from "@/lib/rate-limit/rate-limit";
import { signUpSchema } from "@/lib/users/schemas";
import { signUpWithAccount } from "@/lib/users/sign-up";

const SIGN_UPS_PER_IP = { limit: 10, windowSeconds: 60 * 60 };

/**
 * Creates the user, their account and owner membership, and emails the link that confirms the
 * address (and signs them in). An address that already has a user gets the same answer.
 */
export const signUpAction = publicAction(signUpSchema, async (input, { db, meta }) => {
  await enforceRateLimit(
    db,
    {
      name: "sign-up:ip",
      subject: meta.ip,
      limit: SIGN_UPS_PER_IP,
      message: "Too many sign-ups from your network in the last hour. Try again later.",
    },
    meta,
  );
  await signUpWithAccount(db, input, meta);
  return { email: input.email };
});
