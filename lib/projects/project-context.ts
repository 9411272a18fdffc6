import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { projectMembers, projects, users, type ProjectRole } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { AppError } from "@/lib/errors";
import { lockActor } from "@/lib/members/lock-actor";
import { can } from "@/lib/permissions/can";
import { PROJECT_ROLE_NAMES, PROJECT_ROLES, type ProjectCapability } from "./project-roles";

/** A member inside one project: the project, their own grant, and what they may do there. */
export type ProjectContext = MemberContext & {
  project: {
    id: string;
    key: string;
    name: string;
    description: string;
    archivedAt: Date | null;
    createdAt: Date;
    /** Its creator's name; null once their user is gone. */
    createdBy: string | null;
  };
  /** Their own project role, if they were granted one (those with `projects.manage` need none). */
  projectRole: ProjectRole | null;
  capabilities: ReadonlySet<ProjectCapability>;
};

const EVERY_CAPABILITY: readonly ProjectCapability[] = ["view", "edit", "manage_access", "administer"];

/**
 * The one answer to "may this membership do this in this project?": a project role grants its
 * capabilities; `projects.manage` grants them all, without being added. Null when the project
 * does not exist in the account or the member has no access: the two look the same (404).
 */
export async function loadProjectContext(
  db: Db,
  member: MemberContext,
  key: string,
): Promise<ProjectContext | null> {
  if (!/^[A-Za-z0-9]{1,10}$/.test(key)) return null; // never a project key: not found, without asking
  const [row] = await db
    .select({
      project: {
        id: projects.id,
        key: projects.key,
        name: projects.name,
        description: projects.description,
        archivedAt: projects.archivedAt,
        createdAt: projects.createdAt,
        createdBy: users.name,
      },
      projectRole: projectMembers.role,
    })
    .from(projects)
    .leftJoin(users, eq(users.id, projects.createdByUserId))
    .leftJoin(
      projectMembers,
      and(eq(projectMembers.projectId, projects.id), eq(projectMembers.membershipId, member.membership.id)),
    )
    .where(and(eq(projects.accountId, member.account.id), eq(projects.key, key)))
    .limit(1);
  if (!row) return null;
  const managesAll = can(member, "projects.manage");
  if (!row.projectRole && !managesAll) return null;
  const capabilities = new Set<ProjectCapability>(
    managesAll ? EVERY_CAPABILITY : PROJECT_ROLES[row.projectRole!].capabilities,
  );
  return { ...member, project: row.project, projectRole: row.projectRole, capabilities };
}

export function projectCan(
  ctx: { capabilities: ReadonlySet<ProjectCapability> },
  capability: ProjectCapability,
) {
  return ctx.capabilities.has(capability);
}

const REFUSALS: Record<ProjectCapability, string> = {
  view: "You don't have access to this project.",
  edit: "Only the project's editors and managers can change its description.",
  manage_access: "Only the project's managers can change who has access.",
  administer: "Only people who manage every project can rename, archive or delete it.",
};

export function assertProjectCan(
  ctx: { capabilities: ReadonlySet<ProjectCapability> },
  capability: ProjectCapability,
) {
  if (!projectCan(ctx, capability)) throw new AppError("forbidden", REFUSALS[capability]);
}

// The same answer for lists, as SQL conditions on `projects` (a list cannot load a context per
// row). Undefined means no condition: `projects.manage` reaches every project.

/** Projects the member can see: every one with `projects.manage`, else those they were granted. */
export function projectsVisibleTo(member: MemberContext): SQL | undefined {
  if (can(member, "projects.manage")) return undefined;
  return sql`EXISTS (SELECT 1 FROM ${projectMembers} mine WHERE mine.project_id = ${projects.id} AND mine.membership_id = ${member.membership.id})`;
}

/** Project roles that decide who has access (Manager). */
const ACCESS_MANAGING_ROLES = PROJECT_ROLE_NAMES.filter((role) =>
  PROJECT_ROLES[role].capabilities.includes("manage_access"),
);

/** Projects where the member decides who has access: every one with `projects.manage`, else where their role does. */
export function projectsWhoseAccessIsManagedBy(member: MemberContext): SQL | undefined {
  if (can(member, "projects.manage")) return undefined;
  return sql`EXISTS (SELECT 1 FROM ${projectMembers} mine WHERE mine.project_id = ${projects.id} AND mine.membership_id = ${member.membership.id} AND ${inArray(sql`mine.role`, ACCESS_MANAGING_ROLES)})`;
}

/**
 * lockActor (lib/members/lock-actor.ts) inside a project: at the start of a project write's
 * transaction, locks the caller's membership, re-reads their permissions and their grant to
 * the project, and re-checks `capability` — a grant withdrawn or a role lowered a moment ago
 * counts. Returns the caller's project context as it is now.
 */
export async function lockProjectActor(
  tx: Db,
  ctx: ProjectContext,
  capability: ProjectCapability,
): Promise<ProjectContext> {
  const { actorCtx } = await lockActor(tx, ctx, null);
  const now = await loadProjectContext(tx, actorCtx, ctx.project.key);
  if (!now)
    throw new AppError(
      "not_found",
      "This project does not exist any more, or you no longer have access to it.",
    );
  assertProjectCan(now, capability);
  return now;
}
