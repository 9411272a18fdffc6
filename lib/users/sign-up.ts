import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { insertAccountWithOwner, SHORT_NAME_TAKEN } from "@/lib/accounts/create-account";
import { recordAuditEvent } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { queueVerificationEmail } from "./email-verification";
import { AppError, uniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";

export const EMAIL_TAKEN = "There is already a user with this email. Sign in instead.";

export type SignUpInput = {
  name: string;
  email: string;
  password: string;
  shortName: string;
  displayName?: string;
};

/**
 * Creates a user, their first account and their owner membership in one transaction: if any
 * step fails (a taken email or short name), nothing is left behind. Also queues the email
 * that verifies the address.
 */
export async function signUpWithAccount(db: Db, input: SignUpInput, meta: RequestMeta) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash })
        .returning({ id: users.id, email: users.email, name: users.name });
      if (!user) throw new Error("user insert returned nothing");
      await recordAuditEvent(tx, {
        action: "user.signed_up",
        actor: user,
        target: { type: "user", id: user.id },
        meta,
      });
      const account = await insertAccountWithOwner(tx, user, input, meta);
      await queueVerificationEmail(tx, user);
      return { user, account };
    });
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === "users_email_unique") throw new AppError("conflict", EMAIL_TAKEN, "email");
    if (constraint === "accounts_short_name_unique")
      throw new AppError("conflict", SHORT_NAME_TAKEN, "shortName");
    throw error;
  }
}
