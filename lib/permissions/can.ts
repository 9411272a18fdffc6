import { AppError } from "@/lib/errors";
import { PERMISSIONS, type Permission } from "./permissions";

/** Anything that carries a membership's effective permissions (a member context). */
export type HasPermissions = { permissions: ReadonlySet<Permission> };

/** May this membership do this? The one question every action and page asks. */
export function can(ctx: HasPermissions, permission: Permission): boolean {
  return ctx.permissions.has(permission);
}

/** Does this membership hold at least one of these? For a page that serves several permissions. */
export function canAny(ctx: HasPermissions, permissions: readonly Permission[]): boolean {
  return permissions.some((permission) => ctx.permissions.has(permission));
}

/** Throws a "forbidden" error naming what is missing, unless the membership holds the permission. */
export function assertCan(ctx: HasPermissions, permission: Permission): void {
  if (!can(ctx, permission)) {
    throw new AppError(
      "forbidden",
      `You don't have permission to do this (${PERMISSIONS[permission].toLowerCase()}). Ask an administrator of this account.`,
    );
  }
}
