import "server-only";
import { and, count, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { AppError, notFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { changePlan } from "@/lib/plans/change-plan";
import type { PlanId } from "@/lib/plans/plans";
import { isOperator } from "./operator";

/**
 * What platform operators do to users everywhere (and to an account's plan). Each change
 * runs in one transaction that first locks the operator's own row and checks the flag again
 * (it may have been removed since the request was authorized), then locks the target, and
 * records the operator as the actor.
 */

export type Operator = { id: string; email: string };

export const NOT_YOURSELF = "You cannot do this to yourself. Ask another operator.";
export const LAST_OPERATOR = "This is the last platform operator: make someone else an operator first.";
export const OWNS_ACCOUNTS = (n: number) =>
  `This user owns ${n === 1 ? "an account" : `${n} accounts`}: transfer or delete ${n === 1 ? "it" : "them"} before deleting the user.`;

async function assertStillOperator(tx: Db, operator: Operator) {
  if (!(await isOperator(tx, operator.id, { lock: true }))) throw notFoundError();
}

/**
 * Locks the operator's row and the target's, in id order (two operators acting on each other
 * at once then wait rather than deadlock), checks the operator is still one, and answers the target.
 */
async function lockOperatorAndTarget(tx: Db, operator: Operator, userId: string) {
  const rows = await tx
    .select({
      id: users.id,
      email: users.email,
      isOperator: users.isPlatformOperator,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(inArray(users.id, [operator.id, userId]))
    .orderBy(users.id)
    .for("update");
  const me = rows.find((row) => row.id === operator.id);
  if (!me?.isOperator || me.disabledAt) throw notFoundError();
  const target = rows.find((row) => row.id === userId);
  if (!target) throw new AppError("not_found", "No such user: they may have been deleted.");
  return target;
}

/**
 * Makes the user with this email a platform operator, from the command line
 * (`npm run make-operator`), with no operator as actor. Throws `not_found` when no user has it.
 */
export async function makeOperatorByEmail(db: Db, email: string, meta: RequestMeta) {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, isOperator: users.isPlatformOperator })
      .from(users)
      .where(eq(users.email, email.trim()))
      .for("update");
    if (!user) throw new AppError("not_found", `No user has the email ${email.trim()}.`);
    if (user.isOperator) return { user, changed: false };
    await tx
      .update(users)
      .set({ isPlatformOperator: true, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await recordAuditEvent(tx, {
      action: "operator.granted",
      actor: null,
      target: { type: "user", id: user.id },
      data: { email: user.email, via: "command line" },
      meta,
    });
    return { user, changed: true };
  });
}

/** Makes another user a platform operator, or stops them being one (never the last one, nor oneself). */
export async function setOperator(
  db: Db,
  operator: Operator,
  input: { userId: string; operator: boolean },
  meta: RequestMeta,
) {
  return db.transaction(async (tx) => {
    const target = await lockOperatorAndTarget(tx, operator, input.userId);
    if (target.id === operator.id && !input.operator) throw new AppError("forbidden", NOT_YOURSELF);
    if (target.isOperator === input.operator) return { changed: false };
    if (!input.operator) {
      const [others] = await tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.isPlatformOperator, true), ne(users.id, target.id)));
      if (!others?.n) throw new AppError("conflict", LAST_OPERATOR);
    }
    await tx
      .update(users)
      .set({ isPlatformOperator: input.operator, updatedAt: new Date() })
      .where(eq(users.id, target.id));
    await recordAuditEvent(tx, {
      action: input.operator ? "operator.granted" : "operator.revoked",
      actor: operator,
      target: { type: "user", id: target.id },
      data: { email: target.email },
      meta,
    });
    return { changed: true };
  });
}

/**
 * Disables a user everywhere (they cannot sign in, and every session of theirs ends at once)
 * or enables them again. Operators never disable themselves.
 */
export async function setUserDisabled(
  db: Db,
  operator: Operator,
  input: { userId: string; disabled: boolean },
  meta: RequestMeta,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const target = await lockOperatorAndTarget(tx, operator, input.userId);
    if (target.id === operator.id) throw new AppError("forbidden", NOT_YOURSELF);
    if (Boolean(target.disabledAt) === input.disabled) return { changed: false, sessionsEnded: 0 };
    await tx
      .update(users)
      .set(
        input.disabled
          ? { disabledAt: now, disabledByUserId: operator.id, updatedAt: now }
          : { disabledAt: null, disabledByUserId: null, updatedAt: now },
      )
      .where(eq(users.id, target.id));
    const sessionsEnded = input.disabled ? await revokeAllSessions(tx, target.id, {}, now) : 0;
    await recordAuditEvent(tx, {
      action: input.disabled ? "operator.user_disabled" : "operator.user_enabled",
      actor: operator,
      target: { type: "user", id: target.id },
      data: { email: target.email, ...(input.disabled && { sessionsEnded }) },
      meta,
    });
    return { changed: true, sessionsEnded };
  });
}

/**
 * Deletes a user who owns no account (their memberships, sessions and tokens go with them;
 * what they made stays). Refused, saying why, for an owner; never oneself.
 */
export async function deleteUser(db: Db, operator: Operator, input: { userId: string }, meta: RequestMeta) {
  return db.transaction(async (tx) => {
    const target = await lockOperatorAndTarget(tx, operator, input.userId);
    if (target.id === operator.id) throw new AppError("forbidden", NOT_YOURSELF);
    // Ownership moves only with the owner's membership locked; lock theirs before counting.
    const owned = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.userId, target.id), eq(memberships.role, "owner")))
      .for("update");
    if (owned.length > 0) throw new AppError("conflict", OWNS_ACCOUNTS(owned.length));
    if (target.isOperator) {
      const [others] = await tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.isPlatformOperator, true), ne(users.id, target.id)));
      if (!others?.n) throw new AppError("conflict", LAST_OPERATOR);
    }
    await tx.delete(users).where(eq(users.id, target.id));
    await recordAuditEvent(tx, {
      action: "operator.user_deleted",
      actor: operator,
      target: { type: "user", id: target.id },
      data: { email: target.email },
      meta,
    });
    return { deleted: true };
  });
}

/** Moves an account to another plan for an operator (lib/plans/change-plan.ts decides and audits). */
export async function changeAccountPlan(
  db: Db,
  operator: Operator,
  input: { accountId: string; planId: PlanId },
  meta: RequestMeta,
) {
  return db.transaction(async (tx) => {
    await assertStillOperator(tx, operator);
    return changePlan(tx, { accountId: input.accountId, planId: input.planId, actor: operator }, meta);
  });
}
