import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, customRoles, memberships } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/sessions";
import { membershipAccessColumns, toMembershipAccess, type MembershipAccess } from "@/lib/members/access";
import { holdsAdministrativePermission, type Permission } from "@/lib/permissions/permissions";

/** Who is acting, in which account, with which membership and permissions. */
export type MemberContext = {
  user: SessionUser;
  account: {
    id: string;
    shortName: string;
    displayName: string;
    plan: string;
    /** Memberships of every status (kept by a trigger): with pending invitations, the seats in use. */
    memberCount: number;
    requireTwoFactorForAdmins: boolean;
    requireApproval: boolean;
  };
  membership: MembershipAccess;
  permissions: ReadonlySet<Permission>;
  /**
   * The account requires two-factor of administrators, this member administers and has none:
   * they are sent to set it up before they can use the account (lib/auth/current.ts, actions).
   */
  mustEnrolTwoFactor: boolean;
  /** An administrator disabled this membership: the person is told so, and can do nothing here. */
  disabled: boolean;
  /** They joined while the account required approval, and nobody has approved them yet. */
  awaitingApproval: boolean;
};

/**
 * Loads a user's membership of an account by its short name, with effective permissions.
 * Null when the account does not exist or the user is not a member: the two look the same.
 */
export async function loadMemberContext(
  db: Db,
  user: SessionUser,
  shortName: string,
): Promise<MemberContext | null> {
  // What could never be a short name (from a URL or a form) never reaches the database: a NUL
  // byte would fail there, and the answer is the same "not found" anyway.
  if (!/^[a-z0-9-]{1,64}$/.test(shortName)) return null;
  // One statement: the account, the user's membership of it, its custom role and overrides.
  const [row] = await db
    .select({
      account: {
        id: accounts.id,
        shortName: accounts.shortName,
        displayName: accounts.displayName,
        plan: accounts.plan,
        memberCount: accounts.memberCount,
        requireTwoFactorForAdmins: accounts.requireTwoFactorForAdmins,
        requireApproval: accounts.requireApproval,
      },
      membership: membershipAccessColumns,
    })
    .from(accounts)
    .innerJoin(memberships, and(eq(memberships.accountId, accounts.id), eq(memberships.userId, user.id)))
    .leftJoin(customRoles, eq(customRoles.id, memberships.customRoleId))
    .where(eq(accounts.shortName, shortName))
    .limit(1);
  if (!row) return null;
  const { account } = row;
  const membership = toMembershipAccess(row.membership);
  const mustEnrolTwoFactor =
    account.requireTwoFactorForAdmins &&
    !user.twoFactorEnabledAt &&
    holdsAdministrativePermission(membership.permissions);
  return {
    user,
    account,
    membership,
    permissions: membership.permissions,
    mustEnrolTwoFactor,
    disabled: membership.disabledAt !== null,
    awaitingApproval: membership.awaitingApprovalSince !== null,
  };
}
