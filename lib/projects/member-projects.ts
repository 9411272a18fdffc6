import "server-only";
import { and, asc, eq, inArray, isNull, notExists, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, projectMembers, projects, type ProjectRole } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { lockActor } from "@/lib/members/lock-actor";
import { AppError, notFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { projectsVisibleTo, projectsWhoseAccessIsManagedBy } from "./project-context";

/** A member's projects and roles, as far as the viewer may see projects. */
export function listMemberProjects(db: Db, ctx: MemberContext, membershipId: string) {
  return db
    .select({
      key: projects.key,
      name: projects.name,
      role: projectMembers.role,
      archivedAt: projects.archivedAt,
    })
    .from(projectMembers)
    .innerJoin(projects, eq(projects.id, projectMembers.projectId))
    .where(
      and(
        eq(projectMembers.accountId, ctx.account.id),
        eq(projectMembers.membershipId, membershipId),
        projectsVisibleTo(ctx),
      ),
    )
    .orderBy(asc(projects.name))
    .limit(200);
}

/**
 * Active projects the viewer could give this member access to (they have none there yet); with
 * no member (an invitation), every active project whose access the viewer manages.
 */
export function grantableProjects(db: Db, ctx: MemberContext, membershipId: string | null) {
  return db
    .select({ key: projects.key, name: projects.name })
    .from(projects)
    .where(
      and(
        eq(projects.accountId, ctx.account.id),
        isNull(projects.archivedAt),
        projectsWhoseAccessIsManagedBy(ctx),
        membershipId
          ? notExists(
              db
                .select({ one: sql`1` })
                .from(projectMembers)
                .where(
                  and(
                    eq(projectMembers.projectId, projects.id),
                    eq(projectMembers.membershipId, membershipId),
                  ),
                ),
            )
          : undefined,
      ),
    )
    .orderBy(asc(projects.name))
    .limit(200);
}

/**
 * Gives a member access to several projects at once, with one project role, in one
 * transaction: every project must be one where the viewer decides who has access, or nothing
 * is granted. Projects the member already has are left as they are.
 */
export async function grantProjects(
  db: Db,
  ctx: MemberContext,
  input: { membershipId: string; projectKeys: string[]; role: ProjectRole },
  meta: RequestMeta,
) {
  const keys = [...new Set(input.projectKeys.map((key) => key.toUpperCase()))];
  if (keys.length === 0) throw new AppError("invalid", "Choose at least one project.", "projectKeys");
  return db.transaction(async (tx) => {
    // The granter and the person, locked and re-read (lib/members/lock-actor.ts).
    const { actorCtx, targets } = await lockActor(tx, ctx, null, eq(memberships.id, input.membershipId));
    const target = input.membershipId === ctx.membership.id ? actorCtx.membership : targets[0];
    if (!target) throw notFoundError();
    const allowed = await projectsToGrant(tx, actorCtx, keys);
    const added = await tx
      .insert(projectMembers)
      .values(
        allowed.map((project) => ({
          accountId: ctx.account.id,
          projectId: project.id,
          membershipId: target.id,
          role: input.role,
        })),
      )
      .onConflictDoNothing()
      .returning({ projectId: projectMembers.projectId });
    for (const { projectId } of added) {
      await recordAuditEvent(tx, {
        action: "project.member_added",
        accountId: ctx.account.id,
        actor: ctx.user,
        target: { type: "membership", id: target.id, userId: target.userId },
        data: { project: allowed.find((p) => p.id === projectId)?.key, role: input.role },
        meta,
      });
    }
    return { granted: added.length };
  });
}

/**
 * The projects named by `keys` (upper case, no duplicates), for the caller to give someone
 * access to: all of them, or an error. A project they cannot see looks absent, as everywhere;
 * one they see but whose access they do not manage is refused.
 */
export async function projectsToGrant(db: Db, ctx: MemberContext, keys: string[]) {
  if (keys.length === 0) return [];
  const requested = await db
    .select({
      id: projects.id,
      key: projects.key,
      managed: sql<boolean>`${projectsWhoseAccessIsManagedBy(ctx) ?? sql`true`}`,
    })
    .from(projects)
    .where(and(eq(projects.accountId, ctx.account.id), inArray(projects.key, keys), projectsVisibleTo(ctx)));
  if (requested.length !== keys.length) {
    throw new AppError("not_found", "Some of these projects do not exist in this account.", "projectKeys");
  }
  if (requested.some((project) => !project.managed)) {
    throw new AppError(
      "forbidden",
      "You can only give access to projects whose access you manage.",
      "projectKeys",
    );
  }
  return requested.map(({ id, key }) => ({ id, key }));
}
