import type { Metadata } from "next";
import { redirect } from "next/navigation";
import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db/client";
import { requireMember } from "@/lib/auth/current";
import { listAccountInvitations } from "@/lib/invitations/queries";
import { loadMembersPageOptions } from "@/lib/members/members-page-options";
import { listMembers } from "@/lib/members/queries";
import { can, canAny } from "@/lib/permissions/can";
import { SEES_PEOPLE } from "@/lib/permissions/permissions";
import { BUILT_IN_ROLES } from "@/lib/permissions/roles";
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
  const onList = canRead && tab === "members";
  const search = onList ? view.q.trim() : "";
  // What the page shows around its list, in one statement (lib/members/members-page-options.ts).
  const optionsRead = loadMembersPageOptions(db, ctx, {
    roles: canRead || canInvite,
    invitableProjects: canInvite,
    projectChoices: seesAllProjects,
    seats: canInvite || can(ctx, "members.manage"),
    search,
  });
  const [{ roles, invitableProjects, projectChoices, seats, pendingInvitations }, page, invitations] =
    await Promise.all([
      optionsRead,
      // The page of people comes with their total, in one statement; a search waits for the
      // options statement, which also tells whether it is broad (the plan it takes).
      onList
        ? search
          ? optionsRead.then(({ broad }) => listMembers(db, ctx.account.id, { ...view, broad }))
          : listMembers(db, ctx.account.id, view)
        : null,
      // The invitations themselves only on their tab; the other tab shows their number.
      tab === "invitations" ? listAccountInvitations(db, ctx.account.id) : [],
    ]);
  const seatsFull = seats !== null && seats.left < 1;
  const base = `/a/${ctx.account.shortName}/members`;
  const whyFull = seatsFull ? (
    <>
      Every seat of the {seats!.plan.name} plan is taken, pending invitations included. To invite someone,
      remove a person or revoke an invitation
      {can(ctx, "billing.manage") ? (
        <>
          , or{" "}
          <Link
            href={`/a/${ctx.account.shortName}/settings`}
            prefetch={false}
            className="font-medium underline"
          >
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
                Invitations <span className="text-zinc-500">({pendingInvitations.toLocaleString("en")})</span>
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
        // A tab is a server render of its own: not prefetched (issue 15).
        prefetch={false}
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
