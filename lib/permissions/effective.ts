import { ALL_PERMISSIONS, isPermission, type Permission } from "./permissions";
import { rolePermissions, type RoleRef } from "./roles";

export type PermissionOverride = { permission: string; granted: boolean };

/**
 * What a membership may do: its role's permissions, plus the ones granted to this member,
 * minus the ones withdrawn. The owner always holds every permission.
 */
export function effectivePermissions(
  ref: RoleRef,
  overrides: readonly PermissionOverride[],
): Set<Permission> {
  if (ref.role === "owner") return new Set(ALL_PERMISSIONS);
  const permissions = new Set(rolePermissions(ref));
  for (const { permission, granted } of overrides) {
    if (!isPermission(permission)) continue;
    if (granted) permissions.add(permission);
    else permissions.delete(permission);
  }
  return permissions;
}
