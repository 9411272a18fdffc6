import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, customRoles, memberships, users } from "@/db/schema";

/** Every account a user belongs to, with their role in it, by display name. */
export function listAccountsOf(db: Db, userId: string) {
  return db
    .select({
      id: accounts.id,
      shortName: accounts.shortName,
      displayName: accounts.displayName,
      role: memberships.role,
      customRoleName: customRoles.name,
      /** Set while an administrator has disabled the user's access to the account. */
      disabledAt: memberships.disabledAt,
      awaitingApprovalSince: memberships.awaitingApprovalSince,
    })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .leftJoin(customRoles, eq(customRoles.id, memberships.customRoleId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(accounts.displayName), asc(accounts.shortName));
}

/**
 * Where `/` sends a user: the account this browser opened last (`openedLast`, a short name
 * from a cookie), else the one they last joined or created, if they may still open it; else
 * their first.
 */
export async function homeAccountOf(
  db: Db,
  userId: string,
  openedLast: string | null = null,
): Promise<string | null> {
  const [user] = await db
    .select({ lastAccountId: users.lastAccountId })
    .from(users)
    .where(eq(users.id, userId));
  const mine = (await listAccountsOf(db, userId)).filter((a) => !a.disabledAt && !a.awaitingApprovalSince);
  const home =
    mine.find((a) => a.shortName === openedLast) ?? mine.find((a) => a.id === user?.lastAccountId) ?? mine[0];
  return home?.shortName ?? null;
}
