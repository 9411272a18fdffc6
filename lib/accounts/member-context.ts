import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, memberships, type MembershipRole } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/sessions";
import type { Permission } from "@/lib/permissions/permissions";
import { BUILT_IN_ROLES } from "@/lib/permissions/roles";

/** Who is acting, in which account, with which membership and permissions. */
export type MemberContext = {
  user: SessionUser;
  account: { id: string; shortName: string; displayName: string; plan: string };
  membership: { id: string; role: MembershipRole };
  permissions: ReadonlySet<Permission>;
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
  const [row] = await db
    .select({
      account: {
        id: accounts.id,
        shortName: accounts.shortName,
        displayName: accounts.displayName,
        plan: accounts.plan,
      },
      membership: { id: memberships.id, role: memberships.role },
    })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(and(eq(accounts.shortName, shortName), eq(memberships.userId, user.id)))
    .limit(1);
  if (!row) return null;
  const role = row.membership.role;
  const permissions = new Set<Permission>(role === "custom" ? [] : BUILT_IN_ROLES[role].permissions);
  return { user, account: row.account, membership: row.membership, permissions };
}
