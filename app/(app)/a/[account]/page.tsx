import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { ArrivalToast } from "@/components/ui/toast";
import { getDb } from "@/db/client";
import { startChecklist, type StartItem } from "@/lib/accounts/start-checklist";
import { requireMember } from "@/lib/auth/current";
import { can } from "@/lib/permissions/can";
import { defaultProjectKey, listSomeProjects } from "@/lib/projects/projects";

export async function generateMetadata({ params }: PageProps<"/a/[account]">): Promise<Metadata> {
  const ctx = await requireMember((await params).account);
  // The layout's title template does not reach a page of its own segment: spelled out here.
  return { title: { absolute: `Overview · ${ctx.account.displayName} · Roster` } };
}

/**
 * The account's home: who you are here, and a way into the projects you can reach; in a new
 * account, the first steps. `?joined=1`: the invitation just accepted (app/invite/[token]).
 */
export default async function AccountHomePage({ params, searchParams }: PageProps<"/a/[account]">) {
  const ctx = await requireMember((await params).account);
  const db = await getDb();
  const { projects, more } = await listSomeProjects(db, ctx);
  // Every account starts with a default project: "Create a project" means another one.
  const createdProject = more || projects.some((p) => p.key !== defaultProjectKey(ctx.account.shortName));
  const checklist = await startChecklist(db, ctx, createdProject);
  const joined = (await searchParams).joined === "1";
  const projectsUrl = `/a/${ctx.account.shortName}/projects`;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {joined && (
        <div className="md:col-span-2">
          <ArrivalToast message={`You joined ${ctx.account.displayName}.`} param="joined" />
        </div>
      )}
      {checklist && <StartChecklist items={checklist} />}
      <Card className="p-6">
        <h2 className="font-semibold">Welcome, {ctx.user.name}</h2>
        <p className="mt-2 text-sm text-zinc-600">
          You are <strong>{ctx.membership.roleLabel}</strong> of {ctx.account.displayName}.
        </p>
      </Card>
      <Card className="p-6">
        <h2 className="font-semibold">Plan</h2>
        <p className="mt-2 text-sm text-zinc-600 capitalize">{ctx.account.plan}</p>
      </Card>
      <Card className="p-6 md:col-span-2">
        <section aria-labelledby="home-projects-heading">
          <div className="flex items-baseline justify-between gap-4">
            <h2 id="home-projects-heading" className="font-semibold">
              Your projects
            </h2>
            {projects.length > 0 && (
              <Link href={projectsUrl} className="text-sm text-indigo-700 hover:underline">
                {more ? "More in the project list" : "Project list"} →
              </Link>
            )}
          </div>
          {projects.length === 0 ? (
            <p className="mt-2 text-sm text-zinc-600">
              {can(ctx, "projects.create") ? (
                <>
                  No projects yet.{" "}
                  {/* Underlined: a link inside a sentence is not told apart by colour alone. */}
                  <Link href={projectsUrl} className="text-indigo-700 underline hover:no-underline">
                    Create a project
                  </Link>{" "}
                  to start working in it.
                </>
              ) : can(ctx, "projects.manage") ? (
                "This account has no projects yet."
              ) : (
                "You have not been given access to any project yet. A project's manager can give it to you."
              )}
            </p>
          ) : (
            <ul aria-label="Your projects" className="mt-3 divide-y divide-zinc-100 text-sm">
              {projects.map((project) => (
                <li key={project.key} className="flex items-center justify-between gap-4 py-2">
                  <Link
                    href={`${projectsUrl}/${project.key}`}
                    className="font-medium text-indigo-700 hover:underline"
                  >
                    {project.name}
                  </Link>
                  <span className="font-mono text-zinc-500">{project.key}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </Card>
    </div>
  );
}

/** The first steps of a new account, ticked as they are taken. */
function StartChecklist({ items }: { items: StartItem[] }) {
  const left = items.filter((item) => !item.done).length;
  return (
    <Card className="p-6 md:col-span-2">
      <section aria-labelledby="home-start-heading">
        <h2 id="home-start-heading" className="font-semibold">
          Get started
        </h2>
        <p className="mt-1 text-sm text-zinc-600">
          {left === 1 ? "One step left" : `${left} steps left`} to set up your account.
        </p>
        <ol className="mt-3 space-y-2 text-sm">
          {items.map((item) => (
            <li key={item.key} className="flex items-center gap-3">
              <span
                aria-hidden="true"
                className={`grid size-5 shrink-0 place-items-center rounded-full text-xs ${
                  item.done ? "bg-green-600 text-white" : "ring-1 ring-zinc-400 ring-inset"
                }`}
              >
                {item.done ? "✓" : ""}
              </span>
              {item.done ? (
                <span className="text-zinc-600 line-through decoration-zinc-400">
                  {item.label}
                  <span className="sr-only"> (done)</span>
                </span>
              ) : (
                <Link href={item.href} className="font-medium text-indigo-700 hover:underline">
                  {item.label}
                </Link>
              )}
            </li>
          ))}
        </ol>
      </section>
    </Card>
  );
}
