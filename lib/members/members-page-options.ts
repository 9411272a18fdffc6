import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { pendingInvitationCount, seatUsageOf } from "@/lib/plans/limits";
import { grantableProjects } from "@/lib/projects/member-projects";
import { listProjectChoices } from "@/lib/projects/project-choices";
import { customRoleRows, roleOptionsOf, type CustomRoleRow, type RoleOption } from "@/lib/roles/choice";
import { jsonRows } from "./json-rows";
import { searchIsBroadSql } from "./queries";

/** What the members page shows besides the people; each part only for those it is shown to. */
export type MembersPageNeeds = {
  /** The role picker and filter. */
  roles: boolean;
  /** Active projects whose access the caller manages, to invite someone into. */
  invitableProjects: boolean;
  /** Every project, for the filter: only for those who see every project. */
  projectChoices: boolean;
  /** The seats in use (and the pending invitations among them). */
  seats: boolean;
  /** The search of the member list, to tell whether it is broad (lib/members/queries.ts). */
  search: string;
};

type Project = { key: string; name: string };

/**
 * Everything the members page shows around its list, in ONE statement (issue 15: a view costs
 * few statements): the account's roles, the two project lists, the pending invitation count,
 * and whether the search is broad. Each part is the query its own loader runs, read as a
 * subquery; a part not needed is not read.
 */
export async function loadMembersPageOptions(db: Db, ctx: MemberContext, needs: MembersPageNeeds) {
  const id = ctx.account.id;
  const broad = needs.search ? searchIsBroadSql(id, needs.search) : false;
  const none = sql`null`;
  const wanted = needs.roles || needs.invitableProjects || needs.projectChoices || needs.seats;
  const [row] =
    wanted || typeof broad !== "boolean"
      ? await db
          .select({
            roles: needs.roles ? jsonRows<CustomRoleRow>(customRoleRows(db, id), sql`t.name`) : none,
            invitable: needs.invitableProjects
              ? jsonRows<Project>(grantableProjects(db, ctx, null), sql`t.name`)
              : none,
            choices: needs.projectChoices ? jsonRows<Project>(listProjectChoices(db, id), sql`t.key`) : none,
            pending: needs.seats ? sql<number>`(${pendingInvitationCount(db, id)})`.mapWith(Number) : none,
            broad: typeof broad === "boolean" ? none : broad,
          })
          .from(accounts)
          .where(eq(accounts.id, id))
      : [];
  const pending = (row?.pending as number | null | undefined) ?? 0;
  return {
    roles: needs.roles
      ? roleOptionsOf((row?.roles as CustomRoleRow[] | null) ?? [], ctx)
      : ([] as RoleOption[]),
    invitableProjects: (row?.invitable as Project[] | null) ?? [],
    projectChoices: needs.projectChoices ? ((row?.choices as Project[] | null) ?? []) : null,
    /** Pending invitations (expired ones included: they can be resent), each holding a seat. */
    pendingInvitations: pending,
    seats: needs.seats ? seatUsageOf(ctx.account, pending) : null,
    broad: typeof broad === "boolean" ? broad : row?.broad === true,
  };
}
