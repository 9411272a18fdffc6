import "server-only";
import { asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customRoles, memberships, type MembershipRole } from "@/db/schema";
import { effectivePermissions, type PermissionOverride } from "@/lib/permissions/effective";
import type { Permission } from "@/lib/permissions/permissions";
import { roleRefLabel, type RoleRef } from "@/lib/permissions/roles";

/** Everything authorization needs to know about one membership. */
export type MembershipAccess = RoleRef & {
  id: string;
  accountId: string;
  userId: string;
  name: string;
  email: string;
  joinedAt: Date;
  /** Set while an administrator has disabled the membership (lib/members/disable.ts). */
  disabledAt: Date | null;
  /** Set while they wait for someone with `members.approve` (lib/members/approval.ts). */
  awaitingApprovalSince: Date | null;
  approvedAt: Date | null;
  roleLabel: string;
  overrides: PermissionOverride[];
  permissions: Set<Permission>;
};

const overridesOf = sql<PermissionOverride[] | string>`coalesce((
  select json_agg(json_build_object('permission', o.permission, 'granted', o.granted) order by o.permission)
  from membership_permission_overrides o where o.membership_id = ${memberships.id}), '[]'::json)`;

/**
 * Locks the memberships matching `where` until the transaction ends, in id order (so two
 * transactions locking the same pair cannot deadlock). Load them afterwards, in a statement of
 * its own: a statement that waited for a lock still reads from before the wait, so only a
 * later statement sees what the transaction it waited for committed.
 */
export async function lockMemberships(tx: Db, where: SQL | undefined) {
  await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(where)
    .orderBy(asc(memberships.id))
    .for("update");
}

/** The columns MembershipAccess is made of, from memberships left-joined to custom_roles. */
export const membershipAccessColumns = {
  id: memberships.id,
  accountId: memberships.accountId,
  userId: memberships.userId,
  name: memberships.memberName,
  email: memberships.memberEmail,
  joinedAt: memberships.createdAt,
  disabledAt: memberships.disabledAt,
  awaitingApprovalSince: memberships.awaitingApprovalSince,
  approvedAt: memberships.approvedAt,
  role: memberships.role,
  customRoleId: customRoles.id,
  customRoleName: customRoles.name,
  customRolePermissions: customRoles.permissions,
  overrides: overridesOf,
};

type MembershipAccessRow = Omit<
  MembershipAccess,
  "customRole" | "roleLabel" | "overrides" | "permissions"
> & {
  customRoleId: string | null;
  customRoleName: string | null;
  customRolePermissions: string[] | null;
  /** postgres.js hands json over as text, PGlite parsed. */
  overrides: PermissionOverride[] | string;
};

/** A row of `membershipAccessColumns` as MembershipAccess: its role, overrides and effective permissions. */
export function toMembershipAccess({
  customRoleId,
  customRoleName,
  customRolePermissions,
  overrides,
  ...row
}: MembershipAccessRow): MembershipAccess {
  const ref: RoleRef = {
    role: row.role as MembershipRole,
    customRole: customRoleId
      ? { id: customRoleId, name: customRoleName ?? "", permissions: customRolePermissions ?? [] }
      : null,
  };
  const parsedOverrides = (
    typeof overrides === "string" ? JSON.parse(overrides) : overrides
  ) as PermissionOverride[];
  const permissions = effectivePermissions(ref, parsedOverrides);
  return {
    ...row,
    ...ref,
    roleLabel: roleRefLabel(ref),
    overrides: parsedOverrides,
    permissions,
  };
}

/**
 * Loads memberships matching `where` with their role and overrides, and works out their
 * effective permissions, in one query.
 */
export async function loadMembershipAccess(db: Db, where: SQL | undefined): Promise<MembershipAccess[]> {
  const rows = await db
    .select(membershipAccessColumns)
    .from(memberships)
    .leftJoin(customRoles, eq(customRoles.id, memberships.customRoleId))
    .where(where)
    .orderBy(asc(memberships.id));
  return rows.map(toMembershipAccess);
}
