import type { Metadata } from "next";
import { controlClasses } from "@/components/ui/control";
import { Pager } from "@/components/ui/pager";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireMember } from "@/lib/auth/current";
import { can } from "@/lib/permissions/can";
import { listRepositories, REPOSITORIES_PER_PAGE } from "@/lib/repositories/repositories";
import { CreateRepositoryForm } from "./create-repository-form";

export const metadata: Metadata = { title: "Repositories" };

const param = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** The repositories this member can see: all with `repositories.manage`, else those of their projects. */
export default async function RepositoriesPage({
  params,
  searchParams,
}: PageProps<"/a/[account]/repositories">) {
  const ctx = await requireMember((await params).account);
  const query = await searchParams;
  const q = (param(query.q) ?? "").slice(0, 100);
  const pageNumber = Number.parseInt(param(query.page) ?? "1", 10) || 1;
  const list = await listRepositories(await getDb(), ctx, { q, page: pageNumber });
  const base = `/a/${ctx.account.shortName}/repositories`;
  const manage = can(ctx, "repositories.manage");
  const href = (page: number) => {
    const search = new URLSearchParams();
    if (q) search.set("q", q);
    if (page > 1) search.set("page", String(page));
    const text = search.toString();
    return text ? `${base}?${text}` : base;
  };

  return (
    <div className="space-y-8">
      {manage && (
        <Card className="p-6">
          <h2 className="mb-4 text-lg font-semibold">Add a repository</h2>
          <CreateRepositoryForm account={ctx.account.shortName} />
        </Card>
      )}
      <section aria-labelledby="repositories-heading">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <h2 id="repositories-heading" className="text-lg font-semibold">
            Repositories
          </h2>
          <form method="get" action={base} className="flex items-center gap-2" role="search">
            <label htmlFor="repository-search" className="sr-only">
              Search repositories
            </label>
            <input
              id="repository-search"
              name="q"
              defaultValue={q}
              placeholder="Search by name or description"
              className={controlClasses(false)}
            />
            <button type="submit" className="text-sm font-medium text-indigo-700 hover:underline">
              Search
            </button>
          </form>
        </div>
        <Card>
          {list.rows.length === 0 ? (
            <p className="p-6 text-center text-sm text-zinc-600">
              {q
                ? `No repository matches “${q}”.`
                : manage
                  ? "No repositories yet. Add the first one above."
                  : "No repositories in the projects you can see."}
            </p>
          ) : (
            <Table caption="Repositories">
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Clone URL</Th>
                  <Th>Default branch</Th>
                  <Th>Projects</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {list.rows.map((repository) => (
                  <tr key={repository.id}>
                    <Td>
                      <Link
                        href={`${base}/${encodeURIComponent(repository.name)}`}
                        className="font-medium text-indigo-700 hover:underline"
                      >
                        {repository.name}
                      </Link>
                      {repository.description && <p className="text-zinc-600">{repository.description}</p>}
                    </Td>
                    <Td className="font-mono break-all">{repository.cloneUrl}</Td>
                    <Td className="font-mono">{repository.defaultBranch}</Td>
                    <Td>{repository.projectCount}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Card>
        {list.pageCount > 1 && (
          <Pager
            label="Pages of repositories"
            previous={list.page > 1 ? { href: href(list.page - 1) } : null}
            next={list.page < list.pageCount ? { href: href(list.page + 1) } : null}
            range={{
              first: (list.page - 1) * REPOSITORIES_PER_PAGE + 1,
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
