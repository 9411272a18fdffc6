import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { getDb } from "@/db/client";
import { can } from "@/lib/permissions/can";
import { linkableProjects, projectsOfRepository } from "@/lib/repositories/repositories";
import {
  DeleteRepositoryForm,
  LinkProjectForm,
  RepositoryDetailsForm,
  UnlinkProjectButton,
} from "./repository-forms";
import { requireRepository } from "./repository-target";

export async function generateMetadata({
  params,
}: PageProps<"/a/[account]/repositories/[name]">): Promise<Metadata> {
  const { account, name } = await params;
  // Unknown or hidden: notFound() here too, so the title is the 404 page's ("Not found · …").
  const { repository } = await requireRepository(account, decodeURIComponent(name));
  return { title: repository.name };
}

/** One repository: where it is, which projects use it; editing and linking for those who manage repositories. */
export default async function RepositoryPage({ params }: PageProps<"/a/[account]/repositories/[name]">) {
  const { account, name } = await params;
  const { ctx, repository } = await requireRepository(account, decodeURIComponent(name));
  const db = await getDb();
  const manage = can(ctx, "repositories.manage");
  const [linked, linkable] = await Promise.all([
    projectsOfRepository(db, ctx, repository.id),
    manage ? linkableProjects(db, ctx, repository.id) : Promise.resolve([]),
  ]);
  const target = { account: ctx.account.shortName, repository: repository.name };
  const projectsUrl = `/a/${ctx.account.shortName}/projects`;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/a/${ctx.account.shortName}/repositories`} className="text-indigo-700 hover:underline">
          ← Repositories
        </Link>
      </p>
      <div>
        <h2 className="text-xl font-semibold">{repository.name}</h2>
        <p className="mt-1 text-sm text-zinc-600">
          {repository.description || "No description."} Added by {repository.createdBy ?? "a former user"}{" "}
          <RelativeTime date={repository.createdAt} />.
        </p>
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-zinc-600">Clone URL</dt>
          <dd className="font-mono break-all">{repository.cloneUrl}</dd>
          <dt className="text-zinc-600">Default branch</dt>
          <dd className="font-mono">{repository.defaultBranch}</dd>
        </dl>
      </div>

      <Card className="p-6">
        <h3 className="font-semibold">Projects</h3>
        {linked.length === 0 ? (
          <p className="mt-2 text-sm text-zinc-600">Not linked to any project you can see.</p>
        ) : (
          <ul className="mt-3 divide-y divide-zinc-100" aria-label="Linked projects">
            {linked.map((project) => (
              <li key={project.key} className="flex items-center justify-between gap-3 py-2 text-sm">
                <span>
                  <Link
                    href={`${projectsUrl}/${project.key}`}
                    className="font-medium text-indigo-700 hover:underline"
                  >
                    {project.name}
                  </Link>{" "}
                  <span className="font-mono text-zinc-500">{project.key}</span>{" "}
                  {project.archivedAt && <Badge tone="amber">Archived</Badge>}
                </span>
                {manage && <UnlinkProjectButton target={target} project={project} />}
              </li>
            ))}
          </ul>
        )}
        {manage && (
          <div className="mt-4">
            {linkable.length > 0 ? (
              <LinkProjectForm key={linkable.map((p) => p.key).join()} target={target} projects={linkable} />
            ) : (
              <p className="text-sm text-zinc-600">Every project you can see uses this repository already.</p>
            )}
          </div>
        )}
      </Card>

      {manage && (
        <Card className="p-6">
          <h3 className="font-semibold">Details</h3>
          <RepositoryDetailsForm
            key={JSON.stringify(target)}
            target={target}
            values={{
              name: repository.name,
              cloneUrl: repository.cloneUrl,
              defaultBranch: repository.defaultBranch,
              description: repository.description,
            }}
          />
        </Card>
      )}

      {manage && (
        <Card className="p-6">
          <h3 className="font-semibold">Delete</h3>
          <p className="mt-1 text-sm text-zinc-600">
            Deleting removes this record and its links to projects. The repository itself, on its Git host, is
            not touched.
          </p>
          <DeleteRepositoryForm target={target} />
        </Card>
      )}
    </div>
  );
}
