import type { Metadata } from "next";
import { redirect } from "next/navigation";
import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db/client";
import { requireMember } from "@/lib/auth/current";
import { listAccountInvitations } from "@/lib/invitations/queries";
import { listMembers } from "@/lib/members/queries";
import { can, canAny } from "@/lib/permissions/can";
import { SEES_PEOPLE } from "@/lib/permissions/permissions";
import { BUILT_IN_ROLES } from "@/lib/permissions/roles";
import { listProjectChoices } from "@/lib/projects/project-choices";
import { grantableProjects } from "@/lib/projects/member-projects";
import { listRoleOptions } from "@/lib/roles/choice";
import { seatUsage } from "@/lib/plans/limits";
import { usedOf } from "@/lib/plans/plans";
import { InvitationsTable } from "./invitations-table";
import { InviteDialog } from "./invite-dialog";
import { memberListHref, readMemberListView } from "./list-params";
import { MembersTable } from "./members-table";

export const metadata: Metadata = { title: "Members" };

type Tab = "members" | "invitations";

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
  // Pending invitations have a tab of their own, in the URL so Back and a shared link keep it.
  const tab: Tab = canInvite && query.tab === "invitations" ? "invitations" : "members";
  // The people, to those who read them and to those who change or approve them.
  const canRead = canAny(ctx, SEES_PEOPLE);
  // Only those who see every project see the projects column and filter: others would learn of
  // projects they are not given.
  const seesAllProjects = canRead && can(ctx, "projects.manage");
  const [page, invitations, roles, invitableProjects, projectChoices, seats] = await Promise.all([
    // The page of people comes with their total, in one statement.
    canRead && tab === "members" ? listMembers(db, ctx.account.id, view) : null,
    canInvite ? listAccountInvitations(db, ctx.account.id) : [],
    canRead || canInvite ? listRoleOptions(db, ctx.account.id, ctx) : [],
    canInvite ? grantableProjects(db, ctx, null) : [],
    seesAllProjects ? listProjectChoices(db, ctx.account.id) : null,
    canInvite || can(ctx, "members.manage") ? seatUsage(db, ctx.account) : null,
  ]);
  const seatsFull = seats !== null && seats.left < 1;
  const base = `/a/${ctx.account.shortName}/members`;
  const open = invitations.filter((invitation) => invitation.state !== "declined").length;
  const whyFull = seatsFull ? (
    <>
      Every seat of the {seats!.plan.name} plan is taken, pending invitations included. To invite someone,
      remove a person or revoke an invitation
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
    </>
  ) : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3 border-b border-zinc-200">
        <nav aria-label="People">
          <ul className="-mb-px flex gap-6 text-sm font-medium">
            <TabLink href={base} current={tab === "members"}>
              Members
            </TabLink>
            {canInvite && (
              <TabLink href={`${base}?tab=invitations`} current={tab === "invitations"}>
                Invitations <span className="text-zinc-500">({open.toLocaleString("en")})</span>
              </TabLink>
            )}
          </ul>
        </nav>
        {canInvite && (
          <div className="flex flex-wrap items-center gap-3 pb-2">
            {seats && (
              <p className="text-sm text-zinc-600">
                {usedOf(seats.seats, seats.plan.seats)} seats used · {seats.plan.name} plan
              </p>
            )}
            <InviteDialog
              account={ctx.account.shortName}
              roles={roles.filter((r) => r.grantable)}
              projects={invitableProjects}
              whenFull={whyFull && <Notice tone="warning">{whyFull}</Notice>}
              fullReasonId={seatsFull ? "seats-full" : null}
            />
          </div>
        )}
      </div>
      {canInvite && whyFull && (
        <Notice tone="warning">
          <span id="seats-full">{whyFull}</span>
        </Notice>
      )}

      {tab === "invitations" ? (
        <section aria-labelledby="invitations-heading">
          <h2 id="invitations-heading" className="mb-3 text-lg font-semibold">
            Invitations
          </h2>
          <Card>
            <InvitationsTable account={ctx.account.shortName} invitations={invitations} />
          </Card>
        </section>
      ) : page ? (
        <MembersTable
          account={ctx.account.shortName}
          page={page}
          total={page.total}
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

/** A tab of the people page: a link, marked as the current page when it is the one shown. */
function TabLink({ href, current, children }: { href: string; current: boolean; children: ReactNode }) {
  return (
    <li>
      <Link
        href={href}
        aria-current={current ? "page" : undefined}
        className={`inline-block border-b-2 px-1 pb-2 ${
          current
            ? "border-indigo-600 text-indigo-700"
            : "border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900"
        }`}
      >
        {children}
      </Link>
    </li>
  );
}
