import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users, type ProjectRole } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { grantableProjects, listMemberProjects } from "@/lib/projects/member-projects";
import { customRoleRows, roleOptionsOf, type CustomRoleRow, type RoleOption } from "@/lib/roles/choice";
import { userAwaitsFirstPassword } from "./add-person";
import { heldHereSql } from "./edit-person";
import { jsonRows } from "./json-rows";
import { approvedByUser } from "./queries";

/**
 * What a member's page shows besides their membership (loaded by requireMemberTarget), in ONE
 * statement (issue 15): their user's details and whether the account holds them
 * (loadPersonDetails), whether they await a first password (awaitsFirstPassword), who approved
 * them, their projects and those they could be given, and the account's roles for the role
 * form. Each list is the query its own loader runs, read as a subquery. Null when the
 * membership is gone meanwhile.
 */
export async function loadMemberPage(
  db: Db,
  ctx: MemberContext,
  membershipId: string,
  needs: { roles: boolean },
) {
  const none = sql`null`;
  const [row] = await db
    .select({
      username: users.username,
      displayName: users.displayName,
      company: users.company,
      heldHere: heldHereSql(db, ctx.account.id),
      awaitsFirstPassword: sql<boolean>`coalesce(${userAwaitsFirstPassword}, false)`,
      approvedBy: approvedByUser.name,
      projects: jsonRows<{ key: string; name: string; role: ProjectRole }>(
        listMemberProjects(db, ctx, membershipId),
        sql`t.name`,
      ),
      grantable: jsonRows<{ key: string; name: string }>(
        grantableProjects(db, ctx, membershipId),
        sql`t.name`,
      ),
      roles: needs.roles ? jsonRows<CustomRoleRow>(customRoleRows(db, ctx.account.id), sql`t.name`) : none,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(approvedByUser, eq(approvedByUser.id, memberships.approvedByUserId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.accountId, ctx.account.id)));
  if (!row) return null;
  const { roles, projects, ...rest } = row;
  return {
    ...rest,
    projects: projects.map(({ key, name, role }) => ({ key, name, role })),
    /** The built-in and custom roles, each marked whether the caller may give it. */
    roles: needs.roles ? roleOptionsOf((roles as CustomRoleRow[] | null) ?? [], ctx) : ([] as RoleOption[]),
  };
}
