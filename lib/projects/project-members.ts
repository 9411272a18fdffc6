import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, projectMembers, type ProjectRole } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError, uniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { assertProjectCan, lockProjectActor, type ProjectContext } from "./project-context";

export const NOT_A_MEMBER = "Nobody in this account has this email. Invite them to the account first.";
export const ALREADY_IN_PROJECT = "This person already has access to the project.";
const GRANT_GONE = "This person no longer has access to the project.";

/** The user of a project grant's membership: the person its audit events are about. */
const membershipUserId = sql<string>`(select ${memberships.userId} from ${memberships} where ${memberships.id} = ${projectMembers.membershipId})`;

/** How many people a project's page lists. */
export const PROJECT_MEMBERS_LIMIT = 500;

/**
 * Who was given access to a project, by name, up to PROJECT_MEMBERS_LIMIT; `cut` when there
 * are more. Those who reach it through `projects.manage` hold no grant and are not listed.
 */
export async function listProjectMembers(db: Db, projectId: string) {
  const rows = await db
    .select({
      membershipId: projectMembers.membershipId,
      role: projectMembers.role,
      name: memberships.memberName,
      email: memberships.memberEmail,
      addedAt: projectMembers.createdAt,
    })
    .from(projectMembers)
    .innerJoin(memberships, eq(memberships.id, projectMembers.membershipId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(memberships.memberName), asc(memberships.id))
    .limit(PROJECT_MEMBERS_LIMIT + 1);
  return { people: rows.slice(0, PROJECT_MEMBERS_LIMIT), cut: rows.length > PROJECT_MEMBERS_LIMIT };
}

/** A project manager gives a member of the account access to the project, with a project role. */
export async function addProjectMember(
  db: Db,
  ctx: ProjectContext,
  input: { email: string; role: ProjectRole },
  meta: RequestMeta,
) {
  assertProjectCan(ctx, "manage_access");
  const [membership] = await db
    .select({ id: memberships.id, name: memberships.memberName, userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.accountId, ctx.account.id), eq(memberships.memberEmail, input.email)))
    .limit(1);
  if (!membership) throw new AppError("invalid", NOT_A_MEMBER, "email");
  try {
    await db.transaction(async (tx) => {
      await lockProjectActor(tx, ctx, "manage_access");
      await tx.insert(projectMembers).values({
        accountId: ctx.account.id,
        projectId: ctx.project.id,
        membershipId: membership.id,
        role: input.role,
      });
      await recordAuditEvent(tx, {
        action: "project.member_added",
        accountId: ctx.account.id,
        actor: ctx.user,
        target: { type: "membership", id: membership.id, userId: membership.userId },
        data: { project: ctx.project.key, role: input.role },
        meta,
      });
    });
  } catch (error) {
    if (uniqueViolation(error) !== null) throw new AppError("conflict", ALREADY_IN_PROJECT, "email");
    throw error;
  }
  return { name: membership.name };
}

/** A project manager changes someone's project role. */
export async function changeProjectMemberRole(
  db: Db,
  ctx: ProjectContext,
  input: { membershipId: string; role: ProjectRole },
  meta: RequestMeta,
) {
  assertProjectCan(ctx, "manage_access");
  await db.transaction(async (tx) => {
    await lockProjectActor(tx, ctx, "manage_access");
    const [before] = await tx
      .select({ role: projectMembers.role, userId: membershipUserId })
      .from(projectMembers)
      .where(
        and(
          eq(projectMembers.projectId, ctx.project.id),
          eq(projectMembers.membershipId, input.membershipId),
        ),
      )
      .for("update");
    if (!before) throw new AppError("conflict", GRANT_GONE);
    if (before.role === input.role) return;
    await tx
      .update(projectMembers)
      .set({ role: input.role })
      .where(
        and(
          eq(projectMembers.projectId, ctx.project.id),
          eq(projectMembers.membershipId, input.membershipId),
        ),
      );
    await recordAuditEvent(tx, {
      action: "project.member_role_changed",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "membership", id: input.membershipId, userId: before.userId },
      data: { project: ctx.project.key, before: before.role, after: input.role },
      meta,
    });
  });
}

/** A project manager takes someone's access to the project away. */
export async function removeProjectMember(
  db: Db,
  ctx: ProjectContext,
  membershipId: string,
  meta: RequestMeta,
) {
  assertProjectCan(ctx, "manage_access");
  await db.transaction(async (tx) => {
    await lockProjectActor(tx, ctx, "manage_access");
    const [removed] = await tx
      .delete(projectMembers)
      .where(and(eq(projectMembers.projectId, ctx.project.id), eq(projectMembers.membershipId, membershipId)))
      .returning({ role: projectMembers.role, userId: membershipUserId });
    if (!removed) return;
    await recordAuditEvent(tx, {
      action: "project.member_removed",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "membership", id: membershipId, userId: removed.userId },
      data: { project: ctx.project.key, role: removed.role },
      meta,
    });
  });
}
