import "server-only";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { confirmPassword } from "@/lib/auth/confirm-password";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { notifyTwoFactorChange } from "./notify";
import { issueRecoveryCodes } from "./recovery-codes";
import { codeAccepted, refuseCode, takeCodeAttempt } from "./second-factor";
import { newTotpSecret, sealTotpSecret, totpStep, unsealTotpSecret } from "./totp";

type Me = { id: string; email: string; name: string };

const ALREADY_ON = "Two-factor authentication is already on.";

/**
 * Starts enrolment, for a user whose email is confirmed: a new secret waits, sealed, for a
 * code from it. Starting again while one waits keeps it (a double click or a second tab shows
 * the same QR code).
 */
export async function startTwoFactorEnrolment(db: Db, me: Me) {
  const [row] = await db
    .update(users)
    .set({ twoFactorPendingSecret: sealTotpSecret(newTotpSecret()) })
    .where(
      and(
        eq(users.id, me.id),
        isNotNull(users.emailVerifiedAt),
        isNull(users.twoFactorSecret),
        isNull(users.twoFactorPendingSecret),
      ),
    )
    .returning({ id: users.id });
  if (row) return;
  const [current] = await db
    .select({ secret: users.twoFactorSecret, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, me.id));
  if (current?.secret) throw new AppError("conflict", ALREADY_ON);
  // An unconfirmed address may not be theirs: whoever proves it takes the user over.
  if (!current?.verifiedAt) {
    throw new AppError("forbidden", "Confirm your email address before setting up two-factor.");
  }
}

/** Drops a secret that was never confirmed. */
export async function cancelTwoFactorEnrolment(db: Db, me: Me) {
  await db.update(users).set({ twoFactorPendingSecret: null }).where(eq(users.id, me.id));
}

/**
 * Confirms enrolment with a code from the new secret: two-factor is on from now, ten
 * recovery codes are issued (shown once, on the two-factor page), every other session of the
 * user ends (a session opened with the password alone must not outlive the new factor), and
 * the user is emailed. The one making the change goes on.
 */
export async function confirmTwoFactorEnrolment(
  db: Db,
  me: Me,
  currentSessionId: string,
  input: { password: string; code: string },
  meta: RequestMeta,
  now = new Date(),
) {
  // The password too: a stolen session alone must not tie the user to someone else's phone.
  await confirmPassword(db, me.id, input.password, "password", { meta });
  await takeCodeAttempt(db, me, meta, "code", now);
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ secret: users.twoFactorSecret, pending: users.twoFactorPendingSecret })
      .from(users)
      .where(eq(users.id, me.id))
      .for("update");
    if (row?.secret) throw new AppError("conflict", ALREADY_ON);
    if (!row?.pending) {
      throw new AppError("conflict", "This setup has ended. Start setting up two-factor again.");
    }
    const step = await totpStep(unsealTotpSecret(row.pending), input.code, null, now);
    if (step === null) return null;
    await tx
      .update(users)
      .set({
        twoFactorSecret: row.pending,
        twoFactorPendingSecret: null,
        twoFactorEnabledAt: now,
        twoFactorLastStep: step,
        updatedAt: now,
      })
      .where(eq(users.id, me.id));
    await issueRecoveryCodes(tx, me.id);
    const sessionsEnded = await revokeAllSessions(tx, me.id, { except: currentSessionId }, now);
    await notifyTwoFactorChange(tx, me, "enabled");
    await recordAuditEvent(tx, {
      action: "user.two_factor_enabled",
      actor: me,
      target: { type: "user", id: me.id },
      data: { sessionsEnded },
      meta,
    });
    return { sessionsEnded };
  });
  if (!outcome) return refuseCode(db, me, meta, "code");
  await codeAccepted(db, me.id);
  return outcome;
}
