import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { roleLabel } from "@/lib/permissions/roles";

export const MEMBER_SORTS = ["name", "role", "joined"] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export const MEMBERS_PAGE_SIZE = 50;

/** Escapes LIKE wildcards so a search for "50%" finds "50%". */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of an account's members, searched by name or email, sorted on the server. */
export async function listMembers(
  db: Db,
  accountId: string,
  { q = "", sort = "name", page = 1 }: { q?: string; sort?: MemberSort; page?: number },
) {
  const search = q.trim();
  const where = and(
    eq(memberships.accountId, accountId),
    search ? or(ilike(users.name, likePattern(search)), ilike(users.email, likePattern(search))) : undefined,
  );
  const order: SQL[] = {
    name: [asc(users.name), asc(users.id)],
    role: [asc(memberships.role), asc(users.name), asc(users.id)],
    joined: [desc(memberships.createdAt), asc(users.id)],
  }[sort];
  const rows = await db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(where)
    .orderBy(...order)
    .limit(MEMBERS_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * MEMBERS_PAGE_SIZE);
  return {
    members: rows.map(({ total: _total, ...row }) => ({ ...row, roleLabel: roleLabel(row.role) })),
    total: rows[0]?.total ?? 0,
  };
}
