import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customRoles, invitations, memberships } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError, uniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { assertCan } from "@/lib/permissions/can";
import { assertCanGrantRole } from "@/lib/permissions/grants";
import { ALL_PERMISSIONS, PERMISSIONS, type Permission } from "@/lib/permissions/permissions";
import { resolveRoleChoice } from "./choice";

export type CustomRoleInput = { name: string; description: string; permissions: Permission[] };

const NAME_TAKEN = "This account already has a role with this name.";

/** Permissions in the table's order, without repeats. */
const normalize = (permissions: readonly string[]) => ALL_PERMISSIONS.filter((p) => permissions.includes(p));

/** Nobody puts into a role (or takes out of one) a permission they do not hold themselves. */
function assertHoldsAll(ctx: MemberContext, permissions: readonly Permission[]) {
  const missing = permissions.filter((p) => !ctx.permissions.has(p));
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
  assertHoldsAll(ctx, permissions);
  try {
    return await db.transaction(async (tx) => {
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
      const [before] = await tx
        .select()
        .from(customRoles)
        .where(and(eq(customRoles.id, roleId), eq(customRoles.accountId, ctx.account.id)))
        .for("update");
      if (!before) throw new AppError("not_found", "This role does not exist any more.");
      const changed = ALL_PERMISSIONS.filter(
        (p) => before.permissions.includes(p) !== permissions.includes(p),
      );
      assertHoldsAll(ctx, changed);
      await tx
        .update(customRoles)
        .set({ name: input.name, description: input.description, permissions, updatedAt: new Date() })
        .where(eq(customRoles.id, roleId));
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
 * transaction (which takes the right to manage members and to give that role); otherwise a
 * role in use is refused, as is one that open invitations offer.
 */
export async function deleteCustomRole(
  db: Db,
  ctx: MemberContext,
  roleId: string,
  moveMembersTo: string | undefined,
  meta: RequestMeta,
) {
  await db.transaction(async (tx) => {
    const [role] = await tx
      .select()
      .from(customRoles)
      .where(and(eq(customRoles.id, roleId), eq(customRoles.accountId, ctx.account.id)))
      .for("update");
    if (!role) throw new AppError("not_found", "This role does not exist any more.");
    assertHoldsAll(ctx, normalize(role.permissions));

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

    const holders = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(eq(memberships.customRoleId, roleId))
      .for("update");
    let movedTo: string | null = null;
    if (holders.length > 0) {
      if (!moveMembersTo) {
        throw new AppError(
          "conflict",
          `${holders.length} member${holders.length === 1 ? " holds" : "s hold"} this role. Choose a role to move ${holders.length === 1 ? "them" : "them all"} to.`,
          "moveMembersTo",
        );
      }
      assertCan(ctx, "members.manage");
      const target = await resolveRoleChoice(tx, ctx.account.id, moveMembersTo);
      if (target.customRoleId === roleId)
        throw new AppError("invalid", "Choose a role other than the one you delete.", "moveMembersTo");
      assertCanGrantRole(ctx, target.role, target.permissions, target.label);
      // The members' exceptions were relative to the old role: they go with it.
      await tx.execute(sql`delete from membership_permission_overrides o using memberships m
        where o.membership_id = m.id and m.custom_role_id = ${roleId}`);
      await tx
        .update(memberships)
        .set({ role: target.role, customRoleId: target.customRoleId, updatedAt: new Date() })
        .where(eq(memberships.customRoleId, roleId));
      movedTo = target.label;
    }

    await tx.delete(customRoles).where(eq(customRoles.id, roleId));
    await recordAuditEvent(tx, {
      action: "role.deleted",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "role", id: roleId },
      data: { name: role.name, permissions: role.permissions, membersMoved: holders.length, movedTo },
      meta,
    });
  });
}
