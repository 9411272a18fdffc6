import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { membershipPermissionOverrides, memberships, users } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { assertCanGrantRole } from "@/lib/permissions/grants";
import { PERMISSIONS, type Permission } from "@/lib/permissions/permissions";
import { rolePermissions } from "@/lib/permissions/roles";
import { resolveRoleChoice } from "@/lib/roles/choice";
import { loadMembershipAccess, lockMemberships, type MembershipAccess } from "./access";
import { revokeInvitationsBeyondReach } from "@/lib/invitations/inviter-reach";
import { lockActor } from "./lock-actor";

// Every change to someone's membership runs in one transaction that first locks the
// actor's and the target's membership rows and re-reads their permissions: two
// administrators acting on each other at once are served one after the other, and the
// second is judged by what the first left behind.

export const OWNER_IS_FIXED =
  "The owner can't be changed or removed. Ownership can only be transferred by the owner.";

/** Locks and loads the actor's and the target's memberships of the actor's account (lib/members/lock-actor.ts). */
export async function lockActorAndTarget(tx: Db, ctx: MemberContext, targetMembershipId: string) {
  const { actor, targets } = await lockActor(tx, ctx, null, eq(memberships.id, targetMembershipId));
  const target = targetMembershipId === actor.id ? actor : targets[0];
  if (!target) throw new AppError("not_found", "This person is not a member of this account (any more).");
  return { actor, target };
}

/**
 * Whether the actor may change or remove the target. Besides the permission, rank: the owner
 * is above everyone, and nobody touches someone who holds a permission they don't — so an
 * administrator can manage another administrator, but a "manage members" custom role cannot
 * manage an administrator.
 */
export function manageRefusal(actor: MembershipAccess, target: MembershipAccess): string | null {
  if (!actor.permissions.has("members.manage")) {
    return "You don't have permission to do this (change roles and remove members). Ask an administrator of this account.";
  }
  if (target.role === "owner") return OWNER_IS_FIXED;
  if (outranks(target, actor)) {
    return `${target.name} holds permissions you don't have, so you can't change their membership.`;
  }
  return null;
}

/** Whether `a` holds a permission `b` lacks (ranks above `b` in that respect). */
export const outranks = (a: MembershipAccess, b: MembershipAccess) =>
  [...a.permissions].some((p) => !b.permissions.has(p));

export function assertMayManage(actor: MembershipAccess, target: MembershipAccess) {
  const refusal = manageRefusal(actor, target);
  if (refusal) throw new AppError("forbidden", refusal);
}

export const auditTarget = (target: MembershipAccess) => ({
  type: "membership",
  id: target.id,
  userId: target.userId,
});

/** Gives a member another role. Their per-member exceptions were relative to the old role, so they are cleared. */
export async function changeMemberRole(
  db: Db,
  ctx: MemberContext,
  membershipId: string,
  roleChoice: string,
  meta: RequestMeta,
) {
  return db.transaction(async (tx) => {
    // The role first, then the memberships: the same order as editing a role, so no deadlock.
    const next = await resolveRoleChoice(tx, ctx.account.id, roleChoice, { lock: true });
    const { actor, target } = await lockActorAndTarget(tx, ctx, membershipId);
    assertMayManage(actor, target);
    assertCanGrantRole(actor, next.role, next.permissions, next.label);
    if (next.role === target.role && next.customRoleId === (target.customRole?.id ?? null))
      return { changed: false };

    await tx
      .delete(membershipPermissionOverrides)
      .where(eq(membershipPermissionOverrides.membershipId, target.id));
    await tx
      .update(memberships)
      .set({ role: next.role, customRoleId: next.customRoleId, updatedAt: new Date() })
      .where(eq(memberships.id, target.id));
    await recordAuditEvent(tx, {
      action: "member.role_changed",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: auditTarget(target),
      data: {
        member: target.email,
        before: { role: target.roleLabel, overrides: target.overrides },
        after: { role: next.label, overrides: [] },
      },
      meta,
    });
    await revokeInvitationsBeyondReach(tx, {
      accountId: ctx.account.id,
      inviterUserIds: [target.userId],
      actor: ctx.user,
      meta,
    });
    return { changed: true };
  });
}

export type PermissionSetting = "grant" | "withdraw" | "default";
export type PermissionChangeSummary = { granted: Permission[]; withdrawn: Permission[]; reset: Permission[] };

/**
 * Sets per-member exceptions to the role: grant a permission the role lacks, withdraw one
 * it gives, or go back to the role's default. Only permissions the actor holds can be touched.
 */
export async function updateMemberPermissions(
  db: Db,
  ctx: MemberContext,
  membershipId: string,
  settings: Partial<Record<Permission, PermissionSetting>>,
  meta: RequestMeta,
): Promise<PermissionChangeSummary> {
  return db.transaction(async (tx) => {
    const { actor, target } = await lockActorAndTarget(tx, ctx, membershipId);
    assertMayManage(actor, target);
    const fromRole = new Set(rolePermissions(target));
    const current = new Map(target.overrides.map((o) => [o.permission, o.granted]));
    const summary: PermissionChangeSummary = { granted: [], withdrawn: [], reset: [] };

    for (const [permission, setting] of Object.entries(settings) as [Permission, PermissionSetting][]) {
      // The exception to store, if any: one that only repeats the role's default is none.
      const inRole = fromRole.has(permission);
      let normalized: boolean | undefined;
      if (setting === "grant") normalized = inRole ? undefined : true;
      else if (setting === "withdraw") normalized = inRole ? false : undefined;
      if (current.get(permission) === normalized) continue;
      if (!actor.permissions.has(permission)) {
        throw new AppError(
          "forbidden",
          `You can't change “${PERMISSIONS[permission]}”: you don't hold it yourself.`,
        );
      }
      await tx
        .delete(membershipPermissionOverrides)
        .where(
          and(
            eq(membershipPermissionOverrides.membershipId, target.id),
            eq(membershipPermissionOverrides.permission, permission),
          ),
        );
      if (normalized === undefined) summary.reset.push(permission);
      else {
        await tx
          .insert(membershipPermissionOverrides)
          .values({ accountId: ctx.account.id, membershipId: target.id, permission, granted: normalized });
        (normalized ? summary.granted : summary.withdrawn).push(permission);
      }
    }

    if (summary.withdrawn.length + summary.reset.length > 0) {
      await revokeInvitationsBeyondReach(tx, {
        accountId: ctx.account.id,
        inviterUserIds: [target.userId],
        actor: ctx.user,
        meta,
      });
    }
    if (summary.granted.length + summary.withdrawn.length + summary.reset.length > 0) {
      await recordAuditEvent(tx, {
        action: "member.permissions_changed",
        accountId: ctx.account.id,
        actor: ctx.user,
        target: auditTarget(target),
        data: { member: target.email, ...summary, before: target.overrides },
        meta,
      });
    }
    return summary;
  });
}

/**
 * Ends a membership inside the caller's transaction, and forgets it as the user's last used
 * account. Nothing the member made goes with it.
 */
async function endMembership(
  tx: Db,
  ctx: MemberContext,
  membership: MembershipAccess,
  event: { action: "member.removed" | "member.left"; meta: RequestMeta },
) {
  await tx.delete(memberships).where(eq(memberships.id, membership.id));
  await tx
    .update(users)
    .set({ lastAccountId: null })
    .where(and(eq(users.id, membership.userId), eq(users.lastAccountId, ctx.account.id)));
  await recordAuditEvent(tx, {
    action: event.action,
    accountId: ctx.account.id,
    actor: ctx.user,
    target: auditTarget(membership),
    data: { member: membership.email, role: membership.roleLabel },
    meta: event.meta,
  });
  await revokeInvitationsBeyondReach(tx, {
    accountId: ctx.account.id,
    inviterUserIds: [membership.userId],
    actor: ctx.user,
    meta: event.meta,
  });
}

/** Removes a member from the account. */
export async function removeMember(db: Db, ctx: MemberContext, membershipId: string, meta: RequestMeta) {
  if (membershipId === ctx.membership.id) {
    throw new AppError("invalid", "To remove yourself, leave the account instead.");
  }
  return db.transaction(async (tx) => {
    const { actor, target } = await lockActorAndTarget(tx, ctx, membershipId);
    assertMayManage(actor, target);
    await endMembership(tx, ctx, target, { action: "member.removed", meta });
    return { name: target.name };
  });
}

/** A member leaves the account. The owner can't: they transfer ownership first. */
export async function leaveAccount(db: Db, ctx: MemberContext, meta: RequestMeta) {
  return db.transaction(async (tx) => {
    await lockMemberships(tx, eq(memberships.id, ctx.membership.id));
    const [me] = await loadMembershipAccess(tx, eq(memberships.id, ctx.membership.id));
    if (!me) throw new AppError("not_found", "You are not a member of this account any more.");
    if (me.role === "owner") {
      throw new AppError(
        "forbidden",
        "The owner can't leave the account. Transfer ownership to another member first.",
      );
    }
    await endMembership(tx, ctx, me, { action: "member.left", meta });
  });
}
