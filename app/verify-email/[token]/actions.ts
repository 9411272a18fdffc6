"use server";

import { redirect } from "next/navigation";
import { NOT_WHILE_IMPERSONATING, publicAction } from "@/lib/actions/action";
import { startSession } from "@/lib/auth/start-session";
import { AppError } from "@/lib/errors";
import { verifyEmailSchema } from "@/lib/users/schemas";
import { findEmailVerification, VERIFY_LINK_INVALID, verifyEmail } from "@/lib/users/email-verification";

/**
 * Uses the emailed link for the user it was sent to: signed in as them, or signing in as them
 * with their password right here. The address is then verified and their account opens.
 */
export const verifyEmailAction = publicAction(
  verifyEmailSchema,
  async ({ token, password }, { db, meta, session }) => {
    // Confirming an address is the user's own doing, never an administrator's acting as them.
    if (session?.impersonation) throw new AppError("forbidden", NOT_WHILE_IMPERSONATING);
    const link = await findEmailVerification(db, token);
    if (!link) throw new AppError("invalid", VERIFY_LINK_INVALID);
    if (session?.user.id !== link.user.id) {
      if (!password) {
        throw session
          ? new AppError(
              "forbidden",
              `This link confirms ${link.email}, but you are signed in as ${session.user.email}.`,
            )
          : new AppError("unauthenticated", "Enter your password to confirm.", "password");
      }
      await startSession(link.user.email, password);
    }
    await verifyEmail(db, token, link.user, meta);
    redirect("/");
  },
);
