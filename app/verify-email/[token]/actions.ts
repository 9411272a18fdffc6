"use server";

import { z } from "zod";
import { publicAction } from "@/lib/actions/action";
import { verifyEmail } from "@/lib/users/email-verification";

/** Uses the emailed link: the address it was sent to is now verified. */
export const verifyEmailAction = publicAction(
  z.object({ token: z.string().min(1).max(200) }),
  async ({ token }, { db, meta }) => {
    const user = await verifyEmail(db, token, meta);
    return { email: user.email };
  },
);
