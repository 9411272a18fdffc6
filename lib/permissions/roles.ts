import type { MembershipRole } from "@/db/schema";
import { ALL_PERMISSIONS, type Permission } from "./permissions";

export type BuiltInRole = Exclude<MembershipRole, "custom">;

type RoleDefinition = {
  label: string;
  description: string;
  /** Higher outranks lower: nobody changes or removes someone of higher rank. */
  rank: number;
  permissions: readonly Permission[];
};

/** The built-in roles, as data. Custom roles (named permission sets) live in the database. */
export const BUILT_IN_ROLES: Record<BuiltInRole, RoleDefinition> = {
  owner: {
    label: "Owner",
    description: "Holds every permission and the subscription; exactly one per account.",
    rank: 4,
    permissions: ALL_PERMISSIONS,
  },
  admin: {
    label: "Administrator",
    description: "Manages people, roles, projects and settings.",
    rank: 3,
    permissions: ALL_PERMISSIONS.filter((p) => p !== "billing.manage"),
  },
  member: {
    label: "Member",
    description: "Works in the projects they are given; sees the member list.",
    rank: 2,
    permissions: ["members.read", "projects.create"],
  },
  guest: {
    label: "Guest",
    description: "Sees only the projects they are given.",
    rank: 1,
    permissions: ["members.read"],
  },
};

export function roleLabel(role: MembershipRole, customRoleName?: string | null): string {
  return role === "custom" ? (customRoleName ?? "Custom role") : BUILT_IN_ROLES[role].label;
}
