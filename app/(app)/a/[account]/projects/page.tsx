import type { Metadata } from "next";
import { controlClasses } from "@/components/ui/control";
import { Pager } from "@/components/ui/pager";
import Link from "next/link";
import { LinkPending } from "@/components/link-pending";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Table, Td, Th } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireMember } from "@/lib/auth/current";
import { can } from "@/lib/permissions/can";
import { listProjects, PROJECTS_PER_PAGE } from "@/lib/projects/projects";
import { accountUsageOf, projectLimitMessage, projectsLeft } from "@/lib/plans/limits";
import { usedOf } from "@/lib/plans/plans";
import { CreateProjectForm } from "./create-project-form";

export const metadata: Metadata = { title: "Projects" };

const param = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** The projects this member can see: all of them with `projects.manage`, else those granted. */
export default async function ProjectsPage({ params, searchParams }: PageProps<"/a/[account]/projects">) {
  const ctx = await requireMember((await params).account);
  const query = await searchParams;
  const q = (param(query.q) ?? "").slice(0, 100);
  const archived = param(query.archived) === "1";
  const pageNumber = Number.parseInt(param(query.page) ?? "1", 10) || 1;
  const db = await getDb();
  const [list, usage] = await Promise.all([
    listProjects(db, ctx, { q, archived, page: pageNumber }),
    can(ctx, "projects.create") ? accountUsageOf(db, ctx.account) : null,
  ]);
  const base = `/a/${ctx.account.shortName}/projects`;
  const href = (changes: { page?: number; archived?: boolean }) => {
    const search = new URLSearchParams();
    if (q) search.set("q", q);
    if (changes.archived ?? archived) search.set("archived", "1");
    if (changes.page && changes.page > 1) search.set("page", String(changes.page));
    const text = search.toString();
    return text ? `${base}?${text}` : base;
  };

  return (
    <div className="space-y-8">
      {can(ctx, "projects.create") && (
        <Card className="p-6">
          <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-lg font-semibold">New project</h2>
            {usage && (
              <p className="text-sm text-zinc-600">
                {usedOf(usage.projects, usage.plan.projects)} projects · {usage.plan.name} plan
              </p>
            )}
          </div>
          {usage && projectsLeft(usage) < 1 ? (
            <Notice tone="warning">{projectLimitMessage(usage)}</Notice>
          ) : (
            <CreateProjectForm account={ctx.account.shortName} />
          )}
        </Card>
      )}
      <section aria-labelledby="projects-heading">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="projects-heading" className="text-lg font-semibold">
            {archived ? "Archived projects" : "Projects"}
          </h2>
          <form method="get" action={base} className="flex items-center gap-2" role="search">
            {archived && <input type="hidden" name="archived" value="1" />}
            <label htmlFor="project-search" className="sr-only">
              Search projects
            </label>
            <input
              id="project-search"
              name="q"
              defaultValue={q}
              placeholder="Search by name or key"
              className={controlClasses(false)}
            />
            <button type="submit" className="text-sm font-medium text-indigo-700 hover:underline">
              Search
            </button>
          </form>
          {/* Not prefetched, as no link of this page: each is a server render (issue 15). */}
          <Link
            href={href({ archived: !archived, page: 1 })}
            prefetch={false}
            className="text-sm text-indigo-700 hover:underline"
          >
            {archived ? "Show active projects" : "Show archived projects"}
          </Link>
        </div>
        <Card>
          {list.rows.length === 0 ? (
            <p className="p-6 text-center text-sm text-zinc-600">
              {q
                ? `No project matches “${q}”.`
                : archived
                  ? "No archived projects."
                  : "No projects you can see yet. Ask a project manager for access."}
            </p>
          ) : (
            <Table caption="Projects">
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Key</Th>
                  <Th>People</Th>
                  <Th>Created by</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {list.rows.map((project) => (
                  <tr key={project.id}>
                    <Td>
                      <Link
                        href={`${base}/${project.key}`}
                        prefetch={false}
                        className="font-medium text-indigo-700 hover:underline"
                      >
                        {project.name}
                        <LinkPending />
                      </Link>
                      {project.description && <p className="text-zinc-600">{project.description}</p>}
                    </Td>
                    <Td className="font-mono">{project.key}</Td>
                    <Td>{project.memberCount}</Td>
                    <Td>{project.createdBy ?? "A former user"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        {list.pageCount > 1 && (
          <Pager
            label="Pages of projects"
            previous={list.page > 1 ? { href: href({ page: list.page - 1 }) } : null}
            next={list.page < list.pageCount ? { href: href({ page: list.page + 1 }) } : null}
            range={{
              first: (list.page - 1) * PROJECTS_PER_PAGE + 1,
              shown: list.rows.length,
              total: list.total,
            }}
            summary={`Page ${list.page} of ${list.pageCount}`}
          />
        )}
      </section>
    </div>
  );
}
