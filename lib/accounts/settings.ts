import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { resolveRoleChoice } from "@/lib/roles/choice";
import { lockActor } from "@/lib/members/lock-actor";
import type { MemberContext } from "./member-context";

/** Renames an account (its display name; the short name never changes). */
export async function updateAccountDisplayName(
  db: Db,
  ctx: MemberContext,
  displayName: string,
  meta: RequestMeta,
) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ displayName: accounts.displayName })
      .from(accounts)
      .where(eq(accounts.id, ctx.account.id))
      .for("update");
    await lockActor(tx, ctx, "account.manage");
    if (!before || before.displayName === displayName) return;
    await tx
      .update(accounts)
      .set({ displayName, updatedAt: new Date() })
      .where(eq(accounts.id, ctx.account.id));
    await recordAuditEvent(tx, {
      action: "account.updated",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "account", id: ctx.account.id },
      data: { before: { displayName: before.displayName }, after: { displayName } },
      meta,
    });
  });
}

const ONLY_OWNER_TWO_FACTOR = "Only the owner can change who must use two-factor.";

/**
 * The owner requires (or stops requiring) two-factor of everyone with administrative
 * permissions. The owner must have it first: otherwise the switch would lock them out too.
 */
export async function setTwoFactorRequirement(
  db: Db,
  ctx: MemberContext,
  required: boolean,
  meta: RequestMeta,
) {
  if (ctx.membership.role !== "owner") {
    throw new AppError("forbidden", ONLY_OWNER_TWO_FACTOR);
  }
  if (required && !ctx.user.twoFactorEnabledAt) {
    throw new AppError("conflict", "Turn on two-factor for yourself first, on your profile.");
  }
  await db.transaction(async (tx) => {
    const [changed] = await tx
      .update(accounts)
      .set({ requireTwoFactorForAdmins: required, updatedAt: new Date() })
      .where(and(eq(accounts.id, ctx.account.id), ne(accounts.requireTwoFactorForAdmins, required)))
      .returning({ id: accounts.id });
    // Still the owner (transferring ownership takes the same membership lock)?
    const { actor } = await lockActor(tx, ctx, null);
    if (actor.role !== "owner") throw new AppError("forbidden", ONLY_OWNER_TWO_FACTOR);
    if (!changed) return;
    await recordAuditEvent(tx, {
      action: "account.two_factor_requirement_changed",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "account", id: ctx.account.id },
      data: {
        before: { requireTwoFactorForAdmins: !required },
        after: { requireTwoFactorForAdmins: required },
      },
      meta,
    });
  });
}

/**
 * Turns the approval gate on or off: while it is on, people who join (by invitation) wait until
 * someone with `members.approve` approves them. Turning it off lets nobody in by itself: those
 * already waiting are still decided one by one.
 */
export async function setApprovalRequirement(
  db: Db,
  ctx: MemberContext,
  required: boolean,
  meta: RequestMeta,
) {
  await db.transaction(async (tx) => {
    const [changed] = await tx
      .update(accounts)
      .set({ requireApproval: required, updatedAt: new Date() })
      .where(and(eq(accounts.id, ctx.account.id), ne(accounts.requireApproval, required)))
      .returning({ id: accounts.id });
    await lockActor(tx, ctx, "account.manage");
    if (!changed) return;
    await recordAuditEvent(tx, {
      action: "account.approval_requirement_changed",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "account", id: ctx.account.id },
      data: { before: { requireApproval: !required }, after: { requireApproval: required } },
      meta,
    });
  });
}

/**
 * The role people added directly get unless the adder picks another, as a role choice
 * (`member`, `custom:<id>`, …): the account's default role for new people, else Member.
 */
export async function defaultRoleChoice(db: Db, accountId: string): Promise<string> {
  const [row] = await db
    .select({ role: accounts.defaultRole, customRoleId: accounts.defaultCustomRoleId })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!row?.role) return "member";
  return row.role === "custom" && row.customRoleId ? `custom:${row.customRoleId}` : row.role;
}

/**
 * Sets the account's default role for new people. The role is share-locked while it is set,
 * so that it cannot be deleted meanwhile (and while it is the default, it cannot be deleted).
 */
export async function setDefaultRole(db: Db, ctx: MemberContext, choice: string, meta: RequestMeta) {
  await db.transaction(async (tx) => {
    const role = await resolveRoleChoice(tx, ctx.account.id, choice, { lock: true });
    const [before] = await tx
      .select({ role: accounts.defaultRole, customRoleId: accounts.defaultCustomRoleId })
      .from(accounts)
      .where(eq(accounts.id, ctx.account.id))
      .for("update");
    await lockActor(tx, ctx, "account.manage");
    if (before?.role === role.role && before.customRoleId === role.customRoleId) return;
    await tx
      .update(accounts)
      .set({ defaultRole: role.role, defaultCustomRoleId: role.customRoleId, updatedAt: new Date() })
      .where(eq(accounts.id, ctx.account.id));
    await recordAuditEvent(tx, {
      action: "account.default_role_changed",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "account", id: ctx.account.id },
      data: { after: { defaultRole: role.label } },
      meta,
    });
  });
}
