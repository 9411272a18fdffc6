import type { MembershipRole } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { HasPermissions } from "./can";
import type { Permission } from "./permissions";

/**
 * Nobody grants more than they hold: a role may be given (by invitation or role change) only
 * by someone who holds every permission in it. Ownership is never granted this way; it moves
 * only by an ownership transfer.
 */
export function canGrantRole(
  ctx: HasPermissions,
  role: MembershipRole,
  rolePermissions: readonly Permission[],
) {
  return role !== "owner" && rolePermissions.every((permission) => ctx.permissions.has(permission));
}

export function assertCanGrantRole(
  ctx: HasPermissions,
  role: MembershipRole,
  rolePermissions: readonly Permission[],
  label: string,
) {
  if (!canGrantRole(ctx, role, rolePermissions)) {
    throw new AppError(
      "forbidden",
      `You can't give the role ${label}: it holds permissions you don't have.`,
      "role",
    );
  }
}
