import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customRoles } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/uuid";
import { canGrantRole } from "@/lib/permissions/grants";
import type { HasPermissions } from "@/lib/permissions/can";
import type { Permission } from "@/lib/permissions/permissions";
import { BUILT_IN_ROLES, rolePermissions, roleRefLabel, type RoleRef } from "@/lib/permissions/roles";

export type GrantableRole = Exclude<RoleRef["role"], "owner">;

/** A role chosen in a form, looked up in the account: what it is called and what it gives. */
export type ResolvedRole = RoleRef & {
  role: GrantableRole;
  customRoleId: string | null;
  permissions: Permission[];
  label: string;
};

/** The form value for a role (see roleChoiceSchema). */
export const roleChoiceOf = (ref: RoleRef) =>
  ref.role === "custom" && ref.customRole ? `custom:${ref.customRole.id}` : ref.role;

/**
 * Resolves `admin` / `member` / `guest` / `custom:<id>` within one account; an unknown role is a
 * field error. With `lock`, a custom role is share-locked until the transaction ends, so that
 * it cannot change or disappear while it is being given.
 */
export async function resolveRoleChoice(
  db: Db,
  accountId: string,
  choice: string,
  { lock = false } = {},
): Promise<ResolvedRole> {
  if (choice === "admin" || choice === "member" || choice === "guest") {
    const ref: RoleRef = { role: choice, customRole: null };
    return {
      ...ref,
      role: choice,
      customRoleId: null,
      permissions: rolePermissions(ref),
      label: BUILT_IN_ROLES[choice].label,
    };
  }
  const id = choice.startsWith("custom:") ? choice.slice("custom:".length) : "";
  const query = db
    .select({ id: customRoles.id, name: customRoles.name, permissions: customRoles.permissions })
    .from(customRoles)
    .where(and(eq(customRoles.id, id), eq(customRoles.accountId, accountId)));
  const [row] = isUuid(id) ? await (lock ? query.for("share") : query) : [];
  if (!row) throw new AppError("invalid", "That role does not exist (any more). Choose another one.", "role");
  const ref: RoleRef = { role: "custom", customRole: row };
  return {
    ...ref,
    role: "custom",
    customRoleId: row.id,
    permissions: rolePermissions(ref),
    label: roleRefLabel(ref),
  };
}

export type RoleOption = { value: string; label: string; description: string; grantable: boolean };

export type CustomRoleRow = { id: string; name: string; description: string; permissions: string[] };

/** An account's custom roles, by name: a query to await, or to read inside another statement. */
export const customRoleRows = (db: Db, accountId: string) =>
  db
    .select({
      id: customRoles.id,
      name: customRoles.name,
      description: customRoles.description,
      permissions: customRoles.permissions,
    })
    .from(customRoles)
    .where(eq(customRoles.accountId, accountId))
    .orderBy(asc(customRoles.name));

/** Every role of an account for a picker, marking those the caller may give. */
export async function listRoleOptions(
  db: Db,
  accountId: string,
  caller: HasPermissions,
): Promise<RoleOption[]> {
  return roleOptionsOf(await customRoleRows(db, accountId), caller);
}

/** The built-in roles and the account's custom ones (by name) as picker options. */
export function roleOptionsOf(custom: CustomRoleRow[], caller: HasPermissions): RoleOption[] {
  const builtIn = (["admin", "member", "guest"] as const).map((role) => ({
    value: role,
    label: BUILT_IN_ROLES[role].label,
    description: BUILT_IN_ROLES[role].description,
    grantable: canGrantRole(caller, role, BUILT_IN_ROLES[role].permissions),
  }));
  return [
    ...builtIn,
    ...custom.map((role) => ({
      value: `custom:${role.id}`,
      label: role.name,
      description: role.description || `${role.permissions.length} permissions`,
      grantable: canGrantRole(caller, "custom", rolePermissions({ role: "custom", customRole: role })),
    })),
  ];
}
