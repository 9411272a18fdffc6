import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { defaultRoleChoice } from "@/lib/accounts/settings";
import { requireMember } from "@/lib/auth/current";
import { can } from "@/lib/permissions/can";
import { grantableProjects } from "@/lib/projects/member-projects";
import { listRoleOptions } from "@/lib/roles/choice";
import { NewPersonForm } from "./new-person-form";

export const metadata: Metadata = { title: "New user" };

/** "New user": an administrator adds a person directly, with a welcome link to choose a password. */
export default async function NewPersonPage({ params }: PageProps<"/a/[account]/members/new">) {
  const ctx = await requireMember((await params).account);
  if (!can(ctx, "members.manage")) notFound();
  const db = await getDb();
  const [allRoles, projects, defaultRole] = await Promise.all([
    listRoleOptions(db, ctx.account.id, ctx),
    grantableProjects(db, ctx, null),
    defaultRoleChoice(db, ctx.account.id),
  ]);
  const roles = allRoles.filter((role) => role.grantable);
  const base = `/a/${ctx.account.shortName}/members`;
  return (
    <div className="max-w-3xl space-y-4">
      <Link href={base} className="text-sm font-medium text-indigo-700 hover:underline">
        ← Members
      </Link>
      <Card className="p-6">
        <h2 className="text-lg font-semibold">New user</h2>
        <p className="mt-1 text-sm text-zinc-600">
          Creates a user for someone who has none yet and adds them to {ctx.account.displayName}. If the
          address already belongs to a user, they are sent an invitation instead, which they accept or decline
          themselves.
        </p>
        <NewPersonForm
          account={ctx.account.shortName}
          roles={roles}
          defaultRole={
            roles.some((role) => role.value === defaultRole) ? defaultRole : (roles[0]?.value ?? "")
          }
          projects={projects.map(({ key, name }) => ({ key, name }))}
          membersPath={base}
        />
      </Card>
    </div>
  );
}
