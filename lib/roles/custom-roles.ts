import "server-only";
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, customRoles, invitations, membershipPermissionOverrides, memberships } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError, uniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { revokeInvitationsBeyondReach } from "@/lib/invitations/inviter-reach";
import { lockActor } from "@/lib/members/lock-actor";
import { manageRefusal, outranks } from "@/lib/members/manage";
import { assertCanGrantRole } from "@/lib/permissions/grants";
import { ALL_PERMISSIONS, PERMISSIONS, type Permission } from "@/lib/permissions/permissions";
import { resolveRoleChoice } from "./choice";

export type CustomRoleInput = { name: string; description: string; permissions: Permission[] };

const NAME_TAKEN = "This account already has a role with this name.";
const GONE = "This role does not exist any more.";

/** Permissions in the table's order, without repeats. */
const normalize = (permissions: readonly string[]) => ALL_PERMISSIONS.filter((p) => permissions.includes(p));

/** Nobody puts into a role (or takes out of one) a permission they do not hold themselves. */
function assertHoldsAll(held: ReadonlySet<Permission>, permissions: readonly Permission[]) {
  const missing = permissions.filter((p) => !held.has(p));
  if (missing.length > 0) {
    throw new AppError(
      "forbidden",
      `You can't give or take away permissions you don't hold: ${missing.map((p) => PERMISSIONS[p].toLowerCase()).join(", ")}.`,
      "permissions",
    );
  }
}

function mapNameTaken(error: unknown): never {
  if (uniqueViolation(error) === "custom_roles_account_name_unique")
    throw new AppError("conflict", NAME_TAKEN, "name");
  throw error;
}

/** Locks a custom role of the caller's account for a change. */
async function lockRole(tx: Db, ctx: MemberContext, roleId: string) {
  const [role] = await tx
    .select()
    .from(customRoles)
    .where(and(eq(customRoles.id, roleId), eq(customRoles.accountId, ctx.account.id)))
    .for("update");
  if (!role) throw new AppError("not_found", GONE);
  return role;
}

/**
 * Changing a role changes everyone who holds it, so the caller must be someone who could
 * change each of them: the caller's and the holders' memberships are locked and re-read, and
 * a holder who holds permissions the caller lacks stops the change.
 */
async function lockActorAndHolders(tx: Db, ctx: MemberContext, roleId: string) {
  const { actor, targets } = await lockActor(tx, ctx, "roles.manage", eq(memberships.customRoleId, roleId));
  const holders = targets.filter((member) => member.customRole?.id === roleId);
  const above = holders.find((holder) => outranks(holder, actor));
  if (above) {
    throw new AppError(
      "forbidden",
      `${above.name} holds this role and permissions you don't have, so you can't change it.`,
    );
  }
  return { actor, holders };
}

/** The account's custom roles, with how many members and open invitations hold each. */
export async function listCustomRoles(db: Db, accountId: string) {
  return db
    .select({
      id: customRoles.id,
      name: customRoles.name,
      description: customRoles.description,
      permissions: customRoles.permissions,
      members:
        sql<number>`(select count(*) from memberships m where m.custom_role_id = ${customRoles.id})`.mapWith(
          Number,
        ),
      invitations:
        sql<number>`(select count(*) from invitations i where i.custom_role_id = ${customRoles.id} and i.status = 'pending')`.mapWith(
          Number,
        ),
    })
    .from(customRoles)
    .where(eq(customRoles.accountId, accountId))
    .orderBy(asc(customRoles.name));
}

export async function createCustomRole(
  db: Db,
  ctx: MemberContext,
  input: CustomRoleInput,
  meta: RequestMeta,
) {
  const permissions = normalize(input.permissions);
  try {
    return await db.transaction(async (tx) => {
      const { actor } = await lockActor(tx, ctx, "roles.manage");
      assertHoldsAll(actor.permissions, permissions);
      const [role] = await tx
        .insert(customRoles)
        .values({ accountId: ctx.account.id, name: input.name, description: input.description, permissions })
        .returning({ id: customRoles.id });
      await recordAuditEvent(tx, {
        action: "role.created",
        accountId: ctx.account.id,
        actor: ctx.user,
        target: { type: "role", id: role!.id },
        data: { name: input.name, permissions },
        meta,
      });
      return role!;
    });
  } catch (error) {
    mapNameTaken(error);
  }
}

/** Edits a custom role; everyone holding it gets the new permissions on their next request. */
export async function updateCustomRole(
  db: Db,
  ctx: MemberContext,
  roleId: string,
  input: CustomRoleInput,
  meta: RequestMeta,
) {
  const permissions = normalize(input.permissions);
  try {
    await db.transaction(async (tx) => {
      const before = await lockRole(tx, ctx, roleId);
      const changed = ALL_PERMISSIONS.filter(
        (p) => before.permissions.includes(p) !== permissions.includes(p),
      );
      const { actor, holders } = await lockActorAndHolders(tx, ctx, roleId);
      assertHoldsAll(actor.permissions, changed);
      await tx
        .update(customRoles)
        .set({ name: input.name, description: input.description, permissions, updatedAt: new Date() })
        .where(eq(customRoles.id, roleId));
      // Holders who lost a permission may no longer give roles they invited people to.
      const holdersNow = actor.customRole?.id === roleId ? [...holders, actor] : holders;
      await revokeInvitationsBeyondReach(tx, {
        accountId: ctx.account.id,
        inviterUserIds: holdersNow.map((holder) => holder.userId),
        actor: ctx.user,
        meta,
      });
      await recordAuditEvent(tx, {
        action: "role.updated",
        accountId: ctx.account.id,
        actor: ctx.user,
        target: { type: "role", id: roleId },
        data: {
          before: { name: before.name, description: before.description, permissions: before.permissions },
          after: { name: input.name, description: input.description, permissions },
        },
        meta,
      });
    });
  } catch (error) {
    mapNameTaken(error);
  }
}

/**
 * Deletes a custom role. If members hold it, they move to `moveMembersTo` in the same
 * transaction — which takes what changing each of them would take: the right to manage
 * them, and to give that role. A role that open invitations offer is refused.
 */
export async function deleteCustomRole(
  db: Db,
  ctx: MemberContext,
  roleId: string,
  moveMembersTo: string | undefined,
  meta: RequestMeta,
) {
  await db.transaction(async (tx) => {
    const role = await lockRole(tx, ctx, roleId);
    const target = moveMembersTo
      ? await resolveRoleChoice(tx, ctx.account.id, moveMembersTo, { lock: true })
      : null;
    const { actor, holders } = await lockActorAndHolders(tx, ctx, roleId);
    assertHoldsAll(actor.permissions, normalize(role.permissions));

    const [{ pending }] = (await tx
      .select({ pending: count() })
      .from(invitations)
      .where(and(eq(invitations.customRoleId, roleId), eq(invitations.status, "pending")))) as [
      { pending: number },
    ];
    if (pending > 0) {
      throw new AppError(
        "conflict",
        `${pending} open invitation${pending === 1 ? " offers" : "s offer"} this role. Revoke ${pending === 1 ? "it" : "them"} first.`,
      );
    }

    const [isDefault] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.id, ctx.account.id), eq(accounts.defaultCustomRoleId, roleId)));
    if (isDefault) {
      throw new AppError(
        "conflict",
        "This role is the default for new people. Choose another default in the account's settings first.",
      );
    }

    const movingSelf = actor.customRole?.id === roleId;
    const moving = movingSelf ? [...holders, actor] : holders;
    if (moving.length > 0) {
      if (!target) {
        throw new AppError(
          "conflict",
          `${moving.length} member${moving.length === 1 ? " holds" : "s hold"} this role. Choose a role to move ${moving.length === 1 ? "them" : "them all"} to.`,
          "moveMembersTo",
        );
      }
      if (target.customRoleId === roleId)
        throw new AppError("invalid", "Choose a role other than the one you delete.", "moveMembersTo");
      for (const holder of holders) {
        const refusal = manageRefusal(actor, holder);
        if (refusal) throw new AppError("forbidden", refusal);
      }
      assertCanGrantRole(actor, target.role, target.permissions, target.label);
      // The members' exceptions were relative to the old role: they go with it.
      for (const holder of moving) {
        await tx
          .delete(membershipPermissionOverrides)
          .where(eq(membershipPermissionOverrides.membershipId, holder.id));
      }
      await tx
        .update(memberships)
        .set({ role: target.role, customRoleId: target.customRoleId, updatedAt: new Date() })
        .where(eq(memberships.customRoleId, roleId));
      await revokeInvitationsBeyondReach(tx, {
        accountId: ctx.account.id,
        inviterUserIds: moving.map((holder) => holder.userId),
        actor: ctx.user,
        meta,
      });
    }

    await tx.delete(customRoles).where(eq(customRoles.id, roleId));
    await recordAuditEvent(tx, {
      action: "role.deleted",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "role", id: roleId },
      data: {
        name: role.name,
        permissions: role.permissions,
        membersMoved: moving.length,
        movedTo: target?.label ?? null,
      },
      meta,
    });
  });
}
