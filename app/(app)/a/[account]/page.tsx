import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireMember } from "@/lib/auth/current";
import { can } from "@/lib/permissions/can";
import { listSomeProjects } from "@/lib/projects/projects";

export async function generateMetadata({ params }: PageProps<"/a/[account]">): Promise<Metadata> {
  const ctx = await requireMember((await params).account);
  return { title: ctx.account.displayName };
}

/** The account's home: who you are here, and a way into the projects you can reach. */
export default async function AccountHomePage({ params }: PageProps<"/a/[account]">) {
  const ctx = await requireMember((await params).account);
  const { projects, more } = await listSomeProjects(await getDb(), ctx);
  const projectsUrl = `/a/${ctx.account.shortName}/projects`;
  return (
    <div className="grid gap-6 md:grid-cols-2">
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
                  <Link href={projectsUrl} className="text-indigo-700 hover:underline">
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
