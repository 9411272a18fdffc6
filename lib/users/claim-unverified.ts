import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { recoveryCodes, userTokens, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { revokeAllSessions } from "@/lib/auth/sessions";
import type { RequestMeta } from "@/lib/http/request-meta";

/**
 * Someone proved they receive a user's email (a reset link, an invitation link) while that
 * user had never confirmed it: whoever signed up with the address may not own it. The prover
 * takes the user over — the earlier password, two-factor, sessions and links are discarded, the address
 * counts as verified — and sets their own password (and name, if given). Inside the caller's
 * transaction, with the user's row locked.
 */
export async function claimUnverifiedUser(
  tx: Db,
  user: { id: string; email: string },
  replace: { passwordHash: string; name?: string },
  via: "password_reset" | "invitation",
  meta: RequestMeta,
  now = new Date(),
) {
  await tx
    .update(users)
    .set({
      passwordHash: replace.passwordHash,
      ...(replace.name && { name: replace.name, displayName: null }),
      emailVerifiedAt: now,
      // Whoever signed up may have enrolled their own phone: it goes with their password.
      twoFactorSecret: null,
      twoFactorPendingSecret: null,
      twoFactorEnabledAt: null,
      twoFactorLastStep: null,
      recoveryCodesToShow: null,
      updatedAt: now,
    })
    .where(and(eq(users.id, user.id), isNull(users.emailVerifiedAt)));
  await tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.userId, user.id), isNull(userTokens.usedAt)));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
  await revokeAllSessions(tx, user.id, {}, now);
  await recordAuditEvent(tx, {
    action: "user.taken_over",
    actor: user,
    target: { type: "user", id: user.id },
    data: { via },
    meta,
  });
}
