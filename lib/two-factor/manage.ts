import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { recoveryCodes, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { confirmPassword } from "@/lib/auth/confirm-password";
import { revokeAllSessions } from "@/lib/auth/sessions";
import type { RequestMeta } from "@/lib/http/request-meta";
import { notifyTwoFactorChange } from "./notify";
import { issueRecoveryCodes } from "./recovery-codes";
import { checkSecondFactor } from "./second-factor";

type Me = { id: string; email: string; name: string };

/**
 * Turns two-factor off; it takes the password and a code (or a recovery code). Every other
 * session of the user ends with it; the one making the change goes on.
 */
export async function disableTwoFactor(
  db: Db,
  me: Me,
  currentSessionId: string,
  input: { password: string; code: string },
  meta: RequestMeta,
) {
  await confirmPassword(db, me.id, input.password, "password", { meta });
  await checkSecondFactor(db, me, input.code, meta);
  return db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        twoFactorSecret: null,
        twoFactorPendingSecret: null,
        twoFactorEnabledAt: null,
        twoFactorLastStep: null,
        recoveryCodesToShow: null,
        updatedAt: new Date(),
      })
      .where(eq(users.id, me.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, me.id));
    const sessionsEnded = await revokeAllSessions(tx, me.id, { except: currentSessionId });
    await notifyTwoFactorChange(tx, me, "disabled");
    await recordAuditEvent(tx, {
      action: "user.two_factor_disabled",
      actor: me,
      target: { type: "user", id: me.id },
      data: { sessionsEnded },
      meta,
    });
    return { sessionsEnded };
  });
}

/**
 * Replaces the recovery codes (a code proves it is still the user); the old ones stop working,
 * and so does every other session of the user (one may have been opened with an old code).
 */
export async function renewRecoveryCodes(
  db: Db,
  me: Me,
  currentSessionId: string,
  code: string,
  meta: RequestMeta,
) {
  await checkSecondFactor(db, me, code, meta);
  return db.transaction(async (tx) => {
    await issueRecoveryCodes(tx, me.id);
    const sessionsEnded = await revokeAllSessions(tx, me.id, { except: currentSessionId });
    await notifyTwoFactorChange(tx, me, "recovery_codes_renewed");
    await recordAuditEvent(tx, {
      action: "user.recovery_codes_renewed",
      actor: me,
      target: { type: "user", id: me.id },
      data: { sessionsEnded },
      meta,
    });
    return { sessionsEnded };
  });
}

/** The user has saved their new recovery codes: they are not shown again. */
export async function acknowledgeRecoveryCodes(db: Db, me: Me) {
  await db.update(users).set({ recoveryCodesToShow: null }).where(eq(users.id, me.id));
}
