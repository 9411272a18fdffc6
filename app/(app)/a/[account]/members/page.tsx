import type { Metadata } from "next";
import { redirect } from "next/navigation";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db/client";
import { requireMember } from "@/lib/auth/current";
import { listAccountInvitations } from "@/lib/invitations/queries";
import { countMatchingMembers, listMembers } from "@/lib/members/queries";
import { can, canAny } from "@/lib/permissions/can";
import { SEES_PEOPLE } from "@/lib/permissions/permissions";
import { BUILT_IN_ROLES } from "@/lib/permissions/roles";
import { listProjectChoices } from "@/lib/projects/project-choices";
import { grantableProjects } from "@/lib/projects/member-projects";
import { listRoleOptions } from "@/lib/roles/choice";
import { seatUsage } from "@/lib/plans/limits";
import { usedOf } from "@/lib/plans/plans";
import { InvitationsTable } from "./invitations-table";
import { InviteForm } from "./invite-form";
import { memberListHref, readMemberListView } from "./list-params";
import { MembersTable } from "./members-table";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params, searchParams }: PageProps<"/a/[account]/members">) {
  const ctx = await requireMember((await params).account);
  const query = await searchParams;
  const view = readMemberListView(query);
  // The filters form GETs every field, chosen or not: an address without the empty ones is the
  // one to share and to come back to.
  if (Object.values(query).some((value) => value === "")) {
    const base = `/a/${ctx.account.shortName}/members`;
    redirect(memberListHref(base, view, view.cursor ?? {}));
  }
  const db = await getDb();
  const canInvite = can(ctx, "members.invite");
  // The people, to those who read them and to those who change or approve them.
  const canRead = canAny(ctx, SEES_PEOPLE);
  // Only those who see every project see the projects column and filter: others would learn of
  // projects they are not given.
  const seesAllProjects = canRead && can(ctx, "projects.manage");
  const [page, total, invitations, roles, invitableProjects, projectChoices, seats] = await Promise.all([
    canRead ? listMembers(db, ctx.account.id, view) : null,
    canRead ? countMatchingMembers(db, ctx.account.id, view.q, view.filters) : null,
    canInvite ? listAccountInvitations(db, ctx.account.id) : [],
    canRead || canInvite ? listRoleOptions(db, ctx.account.id, ctx) : [],
    canInvite ? grantableProjects(db, ctx, null) : [],
    seesAllProjects ? listProjectChoices(db, ctx.account.id) : null,
    canInvite || can(ctx, "members.manage") ? seatUsage(db, ctx.account) : null,
  ]);
  const seatsFull = seats !== null && seats.left < 1;

  return (
    <div className="space-y-8">
      {canInvite && (
        <section aria-labelledby="invite-heading">
          <Card className="p-6">
            <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="invite-heading" className="text-lg font-semibold">
                Invite people
              </h2>
              {seats && (
                <p className="text-sm text-zinc-600">
                  {usedOf(seats.seats, seats.plan.seats)} seats used · {seats.plan.name} plan
                </p>
              )}
            </div>
            <InviteForm
              account={ctx.account.shortName}
              roles={roles.filter((r) => r.grantable)}
              projects={invitableProjects}
              whenFull={
                seatsFull ? (
                  <Notice tone="warning">
                    Every seat of the {seats!.plan.name} plan is taken, pending invitations included. To
                    invite someone, remove a person or revoke an invitation
                    {can(ctx, "billing.manage") ? (
                      <>
                        , or{" "}
                        <Link href={`/a/${ctx.account.shortName}/settings`} className="font-medium underline">
                          move to a larger plan
                        </Link>
                      </>
                    ) : (
                      ", or ask the owner to move to a larger plan"
                    )}
                    .
                  </Notice>
                ) : null
              }
            />
          </Card>
        </section>
      )}

      {canInvite && (
        <section aria-labelledby="invitations-heading">
          <h2 id="invitations-heading" className="mb-3 text-lg font-semibold">
            Invitations
          </h2>
          <Card>
            <InvitationsTable account={ctx.account.shortName} invitations={invitations} />
          </Card>
        </section>
      )}

      {page && total ? (
        <MembersTable
          account={ctx.account.shortName}
          page={page}
          total={total}
          view={view}
          roles={[
            { value: "owner", label: BUILT_IN_ROLES.owner.label },
            ...roles.map((r) => ({ value: r.value, label: r.label })),
          ]}
          projects={projectChoices?.map((p) => ({ value: p.key, label: `${p.key} · ${p.name}` })) ?? null}
          canManage={can(ctx, "members.manage")}
          seatsFull={seatsFull}
        />
      ) : (
        <Card className="p-6 text-center text-sm text-zinc-600">
          Your role does not include seeing the member list.
        </Card>
      )}
    </div>
  );
}
