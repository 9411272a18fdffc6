import "server-only";
import { and, asc, count, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { projectRepositories, projects, repositories, users } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { lockActor } from "@/lib/members/lock-actor";
import { isStorableText } from "@/lib/actions/unstorable-text";
import { AppError, uniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { can } from "@/lib/permissions/can";
import { projectsVisibleTo } from "@/lib/projects/project-context";

export const REPOSITORY_NAME_TAKEN =
  "A repository with this name exists in this account. Choose another one.";
export const REPOSITORIES_PER_PAGE = 25;

export type RepositoryInput = { name: string; cloneUrl: string; defaultBranch: string; description: string };
export type Repository = NonNullable<Awaited<ReturnType<typeof loadRepository>>>;

/** Links from a repository to projects the member can see (projects they cannot see stay unmentioned). */
function visibleLinks(member: MemberContext) {
  const visible = projectsVisibleTo(member);
  return sql`FROM ${projectRepositories} JOIN ${projects} ON ${projects.id} = ${projectRepositories.projectId} WHERE ${projectRepositories.repositoryId} = ${repositories.id}${visible ? sql` AND ${visible}` : sql``}`;
}

/**
 * Repositories the member can see, as a condition on `repositories`: every one with
 * `repositories.manage`, else those linked to a project they can see.
 */
export function repositoriesVisibleTo(member: MemberContext): SQL | undefined {
  if (can(member, "repositories.manage")) return undefined;
  return sql`EXISTS (SELECT 1 ${visibleLinks(member)})`;
}

const repositoryColumns = {
  id: repositories.id,
  name: repositories.name,
  cloneUrl: repositories.cloneUrl,
  defaultBranch: repositories.defaultBranch,
  description: repositories.description,
  createdAt: repositories.createdAt,
  /** Its creator's name; null once their user is gone. */
  createdBy: users.name,
};

/** One repository of the account by name, or null if there is none the member can see (404). */
export async function loadRepository(db: Db, member: MemberContext, name: string) {
  if (!isStorableText(name) || name.length > 100) return null; // never a repository's name (a NUL byte, say)
  const [row] = await db
    .select(repositoryColumns)
    .from(repositories)
    .leftJoin(users, eq(users.id, repositories.createdByUserId))
    .where(
      and(
        eq(repositories.accountId, member.account.id),
        eq(repositories.name, name),
        repositoriesVisibleTo(member),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** The same, for actions: a repository that is not there (or not visible) is "not found". */
async function repositoryOrNotFound(db: Db, member: MemberContext, name: string) {
  const repository = await loadRepository(db, member, name);
  if (!repository) throw new AppError("not_found", "This repository does not exist in this account.");
  return repository;
}

function translateConflict(error: unknown): never {
  if (uniqueViolation(error) === "repositories_account_name_unique") {
    throw new AppError("conflict", REPOSITORY_NAME_TAKEN, "name");
  }
  throw error;
}

/** Registers a repository (the caller holds `repositories.manage`). */
export async function createRepository(
  db: Db,
  ctx: MemberContext,
  input: RepositoryInput,
  meta: RequestMeta,
) {
  try {
    return await db.transaction(async (tx) => {
      await lockActor(tx, ctx, "repositories.manage");
      const [created] = await tx
        .insert(repositories)
        .values({ accountId: ctx.account.id, createdByUserId: ctx.user.id, ...input })
        .returning({ id: repositories.id, name: repositories.name });
      if (!created) throw new Error("repository insert returned nothing");
      await recordAuditEvent(tx, {
        action: "repository.created",
        accountId: ctx.account.id,
        actor: ctx.user,
        target: { type: "repository", id: created.id },
        data: { name: created.name, cloneUrl: input.cloneUrl },
        meta,
      });
      return created;
    });
  } catch (error) {
    translateConflict(error);
  }
}

/** Saves a repository's fields; returns its (possibly new) name. */
export async function updateRepository(
  db: Db,
  ctx: MemberContext,
  name: string,
  input: RepositoryInput,
  meta: RequestMeta,
) {
  const repository = await repositoryOrNotFound(db, ctx, name);
  const before = {
    name: repository.name,
    cloneUrl: repository.cloneUrl,
    defaultBranch: repository.defaultBranch,
    description: repository.description,
  };
  if (Object.entries(input).every(([field, value]) => before[field as keyof RepositoryInput] === value)) {
    return { name: repository.name, changed: false };
  }
  try {
    await db.transaction(async (tx) => {
      await lockActor(tx, ctx, "repositories.manage");
      await tx
        .update(repositories)
        .set({ ...input, updatedAt: new Date() })
        .where(and(eq(repositories.id, repository.id), eq(repositories.accountId, ctx.account.id)));
      await recordAuditEvent(tx, {
        action: "repository.updated",
        accountId: ctx.account.id,
        actor: ctx.user,
        target: { type: "repository", id: repository.id },
        data: { before, after: input },
        meta,
      });
    });
  } catch (error) {
    translateConflict(error);
  }
  return { name: input.name, changed: true };
}

/** Deletes a repository record (and its links to projects), once its name is typed to confirm. */
export async function deleteRepository(
  db: Db,
  ctx: MemberContext,
  name: string,
  confirmName: string,
  meta: RequestMeta,
) {
  const repository = await repositoryOrNotFound(db, ctx, name);
  if (confirmName.trim() !== repository.name) {
    throw new AppError(
      "invalid",
      `Type the repository's name, ${repository.name}, to delete it.`,
      "confirmName",
    );
  }
  await db.transaction(async (tx) => {
    await lockActor(tx, ctx, "repositories.manage");
    await tx.delete(repositories).where(eq(repositories.id, repository.id));
    await recordAuditEvent(tx, {
      action: "repository.deleted",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "repository", id: repository.id },
      data: { name: repository.name },
      meta,
    });
  });
}

/** The repositories a member can see, a page at a time, with how many of their projects use each. */
export async function listRepositories(
  db: Db,
  ctx: MemberContext,
  options: { q?: string; page?: number } = {},
) {
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const conditions: (SQL | undefined)[] = [
    eq(repositories.accountId, ctx.account.id),
    repositoriesVisibleTo(ctx),
  ];
  const q = options.q?.trim();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(repositories.name, pattern), ilike(repositories.description, pattern)));
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        ...repositoryColumns,
        projectCount: sql<number>`(SELECT count(*)::int ${visibleLinks(ctx)})`,
      })
      .from(repositories)
      .leftJoin(users, eq(users.id, repositories.createdByUserId))
      .where(where)
      .orderBy(asc(repositories.name), asc(repositories.id))
      .limit(REPOSITORIES_PER_PAGE)
      .offset((page - 1) * REPOSITORIES_PER_PAGE),
    db.select({ n: count() }).from(repositories).where(where),
  ]);
  const n = total?.n ?? 0;
  return { rows, total: n, page, pageCount: Math.max(1, Math.ceil(n / REPOSITORIES_PER_PAGE)) };
}

/** The projects a repository is linked to that the member can see. */
export function projectsOfRepository(db: Db, ctx: MemberContext, repositoryId: string) {
  return db
    .select({ key: projects.key, name: projects.name, archivedAt: projects.archivedAt })
    .from(projectRepositories)
    .innerJoin(projects, eq(projects.id, projectRepositories.projectId))
    .where(and(eq(projectRepositories.repositoryId, repositoryId), projectsVisibleTo(ctx)))
    .orderBy(asc(projects.name), asc(projects.key))
    .limit(500);
}

/** Projects the member can see that the repository is not linked to yet (not archived): link choices. */
export function linkableProjects(db: Db, ctx: MemberContext, repositoryId: string) {
  return db
    .select({ key: projects.key, name: projects.name })
    .from(projects)
    .where(
      and(
        eq(projects.accountId, ctx.account.id),
        isNull(projects.archivedAt),
        projectsVisibleTo(ctx),
        sql`NOT EXISTS (SELECT 1 FROM ${projectRepositories} WHERE ${projectRepositories.projectId} = ${projects.id} AND ${projectRepositories.repositoryId} = ${repositoryId})`,
      ),
    )
    .orderBy(asc(projects.name), asc(projects.key))
    .limit(500);
}

/** A project's repositories: everyone who can see the project sees them. */
export function repositoriesOfProject(db: Db, projectId: string) {
  return db
    .select({
      name: repositories.name,
      cloneUrl: repositories.cloneUrl,
      defaultBranch: repositories.defaultBranch,
      description: repositories.description,
    })
    .from(projectRepositories)
    .innerJoin(repositories, eq(repositories.id, projectRepositories.repositoryId))
    .where(eq(projectRepositories.projectId, projectId))
    .orderBy(asc(repositories.name))
    .limit(500);
}

/** A project the member can see, by key; "not found" otherwise (another's project looks absent). */
async function visibleProject(db: Db, ctx: MemberContext, key: string) {
  const [project] = await db
    .select({ id: projects.id, key: projects.key, name: projects.name })
    .from(projects)
    .where(and(eq(projects.accountId, ctx.account.id), eq(projects.key, key), projectsVisibleTo(ctx)))
    .limit(1);
  if (!project) throw new AppError("not_found", "This project does not exist in this account.", "projectKey");
  return project;
}

/** Links a repository to a project the caller can see. Linking twice changes nothing. */
export async function linkRepository(
  db: Db,
  ctx: MemberContext,
  input: { repository: string; projectKey: string },
  meta: RequestMeta,
) {
  const repository = await repositoryOrNotFound(db, ctx, input.repository);
  const project = await visibleProject(db, ctx, input.projectKey);
  await db.transaction(async (tx) => {
    await lockActor(tx, ctx, "repositories.manage");
    const [linked] = await tx
      .insert(projectRepositories)
      .values({ accountId: ctx.account.id, projectId: project.id, repositoryId: repository.id })
      .onConflictDoNothing()
      .returning({ projectId: projectRepositories.projectId });
    if (!linked) return;
    await recordAuditEvent(tx, {
      action: "repository.linked",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "repository", id: repository.id },
      data: { repository: repository.name, project: project.key },
      meta,
    });
  });
  return project;
}

/** Unlinks a repository from a project the caller can see. Unlinking twice changes nothing. */
export async function unlinkRepository(
  db: Db,
  ctx: MemberContext,
  input: { repository: string; projectKey: string },
  meta: RequestMeta,
) {
  const repository = await repositoryOrNotFound(db, ctx, input.repository);
  const project = await visibleProject(db, ctx, input.projectKey);
  await db.transaction(async (tx) => {
    await lockActor(tx, ctx, "repositories.manage");
    const [unlinked] = await tx
      .delete(projectRepositories)
      .where(
        and(
          eq(projectRepositories.projectId, project.id),
          eq(projectRepositories.repositoryId, repository.id),
        ),
      )
      .returning({ projectId: projectRepositories.projectId });
    if (!unlinked) return;
    await recordAuditEvent(tx, {
      action: "repository.unlinked",
      accountId: ctx.account.id,
      actor: ctx.user,
      target: { type: "repository", id: repository.id },
      data: { repository: repository.name, project: project.key },
      meta,
    });
  });
  return project;
}
