import type { MembershipRole } from "@/db/schema";
import { ALL_PERMISSIONS, type Permission } from "./permissions";

export type BuiltInRole = Exclude<MembershipRole, "custom">;

type RoleDefinition = {
  label: string;
  description: string;
  permissions: readonly Permission[];
};

/**
 * The built-in roles, as data, highest first (the order of the membership_role enum). Custom
 * roles (named permission sets) live in the database. Who may change whom follows from the
 * permissions held (lib/members/manage.ts), so a custom role ranks by what it holds.
 */
export const BUILT_IN_ROLES: Record<BuiltInRole, RoleDefinition> = {
  owner: {
    label: "Owner",
    description: "Holds every permission; exactly one per account.",
    permissions: ALL_PERMISSIONS,
  },
  admin: {
    label: "Administrator",
    description: "Manages people, roles, projects, repositories and settings, and reads the audit log.",
    permissions: ALL_PERMISSIONS.filter((p) => p !== "billing.manage"),
  },
  member: {
    label: "Member",
    description: "Sees the member list, creates projects, and works in the projects they are given.",
    permissions: ["members.read", "projects.create"],
  },
  guest: {
    label: "Guest",
    description: "Sees only the projects they are given, and no member list.",
    permissions: [],
  },
};

export function roleLabel(role: MembershipRole, customRoleName?: string | null): string {
  return role === "custom" ? (customRoleName ?? "Custom role") : BUILT_IN_ROLES[role].label;
}

/** A membership's (or invitation's) role: built-in, or one of the account's custom roles. */
export type RoleRef = {
  role: MembershipRole;
  customRole: { id: string; name: string; permissions: readonly string[] } | null;
};

/** The permissions a role gives, before any per-member override. */
export function rolePermissions({ role, customRole }: RoleRef): Permission[] {
  if (role !== "custom") return [...BUILT_IN_ROLES[role].permissions];
  return ALL_PERMISSIONS.filter((p) => customRole?.permissions.includes(p));
}

/** The role's display name. */
export function roleRefLabel(ref: RoleRef): string {
  return roleLabel(ref.role, ref.customRole?.name);
}
