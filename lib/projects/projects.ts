import "server-only";
import { and, asc, count, eq, ilike, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { lockActor } from "@/lib/members/lock-actor";
import type { Db } from "@/db/client";
import { projectMembers, projects, users } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError, uniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { takeProject } from "@/lib/plans/limits";
import {
  assertProjectCan,
  lockProjectActor,
  projectsVisibleTo,
  type ProjectContext,
} from "./project-context";

export const PROJECT_KEY_TAKEN = "This key is taken in this account. Choose another one.";
export const PROJECTS_PER_PAGE = 25;

type ProjectInput = { name: string; key: string; description: string };

/**
 * Inserts a project and makes `creatorMembershipId` its Manager (inside the caller's
 * transaction), if the account's plan has room for one more.
 */
export async function insertProject(
  tx: Db,
  account: { id: string },
  creator: { id: string; email: string; membershipId: string },
  input: ProjectInput,
  meta: RequestMeta,
) {
  await takeProject(tx, account.id);
  const [project] = await tx
    .insert(projects)
    .values({ accountId: account.id, createdByUserId: creator.id, ...input, key: input.key.toUpperCase() })
    .returning({ id: projects.id, key: projects.key, name: projects.name });
  if (!project) throw new Error("project insert returned nothing");
  await tx.insert(projectMembers).values({
    accountId: account.id,
    projectId: project.id,
    membershipId: creator.membershipId,
    role: "manager",
  });
  await recordAuditEvent(tx, {
    action: "project.created",
    accountId: account.id,
    actor: creator,
    target: { type: "project", id: project.id },
    data: { key: project.key, name: project.name },
    meta,
  });
  return project;
}

/** A member with `projects.create` creates a project; they manage it. */
export async function createProject(db: Db, ctx: MemberContext, input: ProjectInput, meta: RequestMeta) {
  try {
    return await db.transaction(async (tx) => {
      const project = await insertProject(
        tx,
        ctx.account,
        { ...ctx.user, membershipId: ctx.membership.id },
        input,
        meta,
      );
      // The creator re-checked under lock, after the account row insertProject locks first (the
      // order every write takes: account, roles, memberships); a refusal undoes the insert.
      await lockActor(tx, ctx, "projects.create");
      return project;
    });
  } catch (error) {
    if (uniqueViolation(error) === "projects_account_key_unique") {
      throw new AppError("conflict", PROJECT_KEY_TAKEN, "key");
    }
    throw error;
  }
}

/** A first project's key from an account's short name: `acme-labs` → `ACMELABS`. */
export function defaultProjectKey(shortName: string) {
  const letters = shortName.replace(/[^a-z0-9]/gi, "").toUpperCase();
  const key = /^[A-Z]/.test(letters) ? letters : `P${letters}`;
  return key.slice(0, 10).padEnd(2, "X");
}

/**
 * Saves a project's name and description. The description is for its editors; renaming is
 * for those who manage every project. Returns whether anything changed.
 */
export async function updateProject(
  db: Db,
  ctx: ProjectContext,
  input: { name: string; description: string },
  meta: RequestMeta,
) {
  assertProjectCan(ctx, "edit");
  if (input.name !== ctx.project.name) assertProjectCan(ctx, "administer");
  const before = { name: ctx.project.name, description: ctx.project.description };
  if (before.name === input.name && before.description === input.description) return false;
  await db.transaction(async (tx) => {
    await lockProjectActor(tx, ctx, input.name !== ctx.project.name ? "administer" : "edit");
    await tx
      .update(projects)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(projects.id, ctx.project.id));
    await recordAuditEvent(tx, {
      action: "project.updated",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "project", id: ctx.project.id },
      data: { before, after: input },
      meta,
    });
  });
  return true;
}

/** Archives (hides from the default list) or brings back a project. */
export async function setProjectArchived(db: Db, ctx: ProjectContext, archived: boolean, meta: RequestMeta) {
  assertProjectCan(ctx, "administer");
  await db.transaction(async (tx) => {
    await lockProjectActor(tx, ctx, "administer");
    const [changed] = await tx
      .update(projects)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(
        and(
          eq(projects.id, ctx.project.id),
          archived ? isNull(projects.archivedAt) : isNotNull(projects.archivedAt),
        ),
      )
      .returning({ id: projects.id });
    if (!changed) return;
    await recordAuditEvent(tx, {
      action: archived ? "project.archived" : "project.unarchived",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "project", id: ctx.project.id },
      data: { key: ctx.project.key },
      meta,
    });
  });
}

/** Deletes a project and every grant to it, once its name is typed to confirm. */
export async function deleteProject(db: Db, ctx: ProjectContext, confirmName: string, meta: RequestMeta) {
  assertProjectCan(ctx, "administer");
  if (confirmName.trim() !== ctx.project.name) {
    throw new AppError(
      "invalid",
      `Type the project's name, ${ctx.project.name}, to delete it.`,
      "confirmName",
    );
  }
  await db.transaction(async (tx) => {
    await lockProjectActor(tx, ctx, "administer");
    await tx.delete(projects).where(eq(projects.id, ctx.project.id));
    await recordAuditEvent(tx, {
      action: "project.deleted",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "project", id: ctx.project.id },
      data: { key: ctx.project.key, name: ctx.project.name },
      meta,
    });
  });
}

/**
 * The projects a member can see, a page at a time: every project for those with
 * `projects.manage`, else the ones they were granted. Archived ones only when asked.
 */
export async function listProjects(
  db: Db,
  ctx: MemberContext,
  options: { q?: string; archived?: boolean; page?: number } = {},
) {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const conditions: (SQL | undefined)[] = [
    eq(projects.accountId, ctx.account.id),
    options.archived ? isNotNull(projects.archivedAt) : isNull(projects.archivedAt),
  ];
  const q = options.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(projects.name, pattern), ilike(projects.key, pattern)));
  }
  conditions.push(projectsVisibleTo(ctx));
  const where = and(...conditions);
  const rows = await db
    .select({
      id: projects.id,
      key: projects.key,
      name: projects.name,
      description: projects.description,
      archivedAt: projects.archivedAt,
      createdAt: projects.createdAt,
      createdBy: users.name,
      memberCount: sql<number>`(SELECT count(*)::int FROM ${projectMembers} WHERE ${projectMembers.projectId} = ${projects.id})`,
      // The total in the same statement: a subquery that does not depend on the row, which
      // PostgreSQL runs once (an InitPlan). Its `projects` is its own (the innermost scope).
      total: sql<number>`(${db.select({ n: count() }).from(projects).where(where)})`.mapWith(Number),
    })
    .from(projects)
    .leftJoin(users, eq(users.id, projects.createdByUserId))
    .where(where)
    .orderBy(asc(projects.name), asc(projects.id))
    .limit(PROJECTS_PER_PAGE)
    .offset((page - 1) * PROJECTS_PER_PAGE);
  // No row, no total in it: on the first page there is none to count; past the last page
  // (an old link) it is counted on its own.
  const total =
    rows[0]?.total ??
    (page > 1 ? ((await db.select({ n: count() }).from(projects).where(where))[0]?.n ?? 0) : 0);
  return {
    rows: rows.map(({ total: _total, ...row }) => row),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PROJECTS_PER_PAGE)),
  };
}

/**
 * A few of the active projects a member can see, by name, for the account's home: one query,
 * one row past `limit` to tell whether there are more.
 */
export async function listSomeProjects(db: Db, ctx: MemberContext, limit = 5) {
  const rows = await db
    .select({ key: projects.key, name: projects.name })
    .from(projects)
    .where(and(eq(projects.accountId, ctx.account.id), isNull(projects.archivedAt), projectsVisibleTo(ctx)))
    .orderBy(asc(projects.name), asc(projects.id))
    .limit(limit + 1);
  return { projects: rows.slice(0, limit), more: rows.length > limit };
}
