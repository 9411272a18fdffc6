import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireProject } from "@/lib/auth/current";
import { projectCan } from "@/lib/projects/project-context";
import { PERMISSIONS } from "@/lib/permissions/permissions";
import { listProjectMembers, PROJECT_MEMBERS_LIMIT } from "@/lib/projects/project-members";
import { PROJECT_ROLES } from "@/lib/projects/project-roles";
import { repositoriesOfProject } from "@/lib/repositories/repositories";
import {
  AddProjectMemberForm,
  ArchiveProjectForm,
  DeleteProjectForm,
  ProjectDetailsForm,
  ProjectMemberRoleForm,
  RemoveProjectMemberButton,
} from "./project-forms";

export async function generateMetadata({
  params,
}: PageProps<"/a/[account]/projects/[key]">): Promise<Metadata> {
  const { account, key } = await params;
  // No access: notFound() here too, so the title is the 404 page's ("Not found · …").
  const ctx = await requireProject(account, decodeURIComponent(key));
  return { title: ctx.project.name };
}

/** One project: its details, who has access and as what; managing them for those who may. */
export default async function ProjectPage({ params }: PageProps<"/a/[account]/projects/[key]">) {
  const { account, key } = await params;
  const ctx = await requireProject(account, decodeURIComponent(key));
  const db = await getDb();
  const [{ people, cut }, repositories] = await Promise.all([
    listProjectMembers(db, ctx.project.id),
    repositoriesOfProject(db, ctx.project.id),
  ]);
  const repositoriesUrl = `/a/${ctx.account.shortName}/repositories`;
  const target = { account: ctx.account.shortName, project: ctx.project.key };
  const manageAccess = projectCan(ctx, "manage_access");
  const administer = projectCan(ctx, "administer");
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/a/${ctx.account.shortName}/projects`} className="text-indigo-700 hover:underline">
          ← Projects
        </Link>
      </p>
      <div>
        <h2 className="flex items-center gap-3 text-xl font-semibold">
          {ctx.project.name} <span className="font-mono text-sm text-zinc-500">{ctx.project.key}</span>
          {ctx.project.archivedAt && <Badge tone="amber">Archived</Badge>}
        </h2>
        <p className="mt-1 text-sm text-zinc-600">
          {ctx.project.description || "No description."} Created by {ctx.project.createdBy ?? "a former user"}{" "}
          <RelativeTime date={ctx.project.createdAt} />.
          {ctx.projectRole && ` You are ${PROJECT_ROLES[ctx.projectRole].label.toLowerCase()} here.`}
        </p>
      </div>

      <Card>
        <div className="p-6 pb-3">
          <h3 className="font-semibold">People with access</h3>
          <p className="mt-1 text-sm text-zinc-600">
            People who hold “{PERMISSIONS["projects.manage"]}” (the owner, administrators and anyone else
            given that permission) have access without being listed here.
          </p>
          {manageAccess && (
            <div className="mt-4">
              <AddProjectMemberForm target={target} />
            </div>
          )}
        </div>
        {people.length === 0 ? (
          <p className="p-6 pt-0 text-sm text-zinc-600">Nobody has been given access yet.</p>
        ) : (
          <Table caption="People with access">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Project role</Th>
                {manageAccess && <Th className="text-right">Access</Th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {people.map((person) => (
                <tr key={person.membershipId} data-project-member={person.email}>
                  <Td>
                    <p className="font-medium">{person.name}</p>
                    <p className="text-zinc-600">{person.email}</p>
                  </Td>
                  <Td>
                    {manageAccess ? (
                      <ProjectMemberRoleForm
                        target={target}
                        membershipId={person.membershipId}
                        role={person.role}
                        name={person.name}
                      />
                    ) : (
                      PROJECT_ROLES[person.role].label
                    )}
                  </Td>
                  {manageAccess && (
                    <Td className="text-right">
                      <RemoveProjectMemberButton
                        target={target}
                        membershipId={person.membershipId}
                        name={person.name}
                      />
                    </Td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {cut && (
          <p className="border-t border-zinc-100 px-4 py-3 text-sm text-zinc-600">
            Showing the first {PROJECT_MEMBERS_LIMIT}, by name.
          </p>
        )}
      </Card>

      <Card>
        <div className="p-6 pb-3">
          <h3 className="font-semibold">Repositories</h3>
          {repositories.length === 0 && (
            <p className="mt-2 text-sm text-zinc-600">
              No repository is linked to this project. People who manage repositories link them from the
              repository&apos;s page.
            </p>
          )}
        </div>
        {repositories.length > 0 && (
          <Table caption="Repositories">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Clone URL</Th>
                <Th>Default branch</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {repositories.map((repository) => (
                <tr key={repository.name}>
                  <Td>
                    <Link
                      href={`${repositoriesUrl}/${encodeURIComponent(repository.name)}`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      {repository.name}
                    </Link>
                    {repository.description && <p className="text-zinc-600">{repository.description}</p>}
                  </Td>
                  <Td className="font-mono break-all">{repository.cloneUrl}</Td>
                  <Td className="font-mono">{repository.defaultBranch}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>

      {projectCan(ctx, "edit") && (
        <Card className="p-6">
          <h3 className="font-semibold">Details</h3>
          <ProjectDetailsForm
            key={`${ctx.project.name}\n${ctx.project.description}`}
            target={target}
            name={ctx.project.name}
            description={ctx.project.description}
            canRename={administer}
          />
        </Card>
      )}

      {administer && (
        <Card className="p-6">
          <h3 className="font-semibold">Archive or delete</h3>
          <p className="mt-1 text-sm text-zinc-600">
            An archived project is hidden from the project list; nothing in it is lost. Deleting removes the
            project and everyone&apos;s access to it, for good.
          </p>
          <div className="mt-4">
            <ArchiveProjectForm
              key={String(Boolean(ctx.project.archivedAt))}
              target={target}
              archived={Boolean(ctx.project.archivedAt)}
            />
          </div>
          <DeleteProjectForm target={target} name={ctx.project.name} />
        </Card>
      )}
    </div>
  );
}
