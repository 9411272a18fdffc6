import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireMember } from "@/lib/auth/current";
import { listAccountInvitations } from "@/lib/invitations/queries";
import { countMembers, listMembers, MEMBER_SORTS, type PageCursor } from "@/lib/members/queries";
import { can } from "@/lib/permissions/can";
import { grantableProjects } from "@/lib/projects/member-projects";
import { listRoleOptions } from "@/lib/roles/choice";
import { InvitationsTable } from "./invitations-table";
import { InviteForm } from "./invite-form";
import { MembersTable } from "./members-table";

export const metadata: Metadata = { title: "Members" };

const param = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function MembersPage({ params, searchParams }: PageProps<"/a/[account]/members">) {
  const ctx = await requireMember((await params).account);
  const query = await searchParams;
  const q = (param(query.q) ?? "").slice(0, 100);
  const sort = MEMBER_SORTS.find((s) => s === query.sort) ?? "name";
  const after = param(query.after);
  const before = param(query.before);
  const cursor: PageCursor = after ? { after } : before ? { before } : null;
  const db = await getDb();
  const canInvite = can(ctx, "members.invite");
  const canRead = can(ctx, "members.read");
  const [page, total, invitations, roles, invitableProjects] = await Promise.all([
    canRead ? listMembers(db, ctx.account.id, { q, sort, cursor }) : null,
    canRead ? countMembers(db, ctx.account.id) : null,
    canInvite ? listAccountInvitations(db, ctx.account.id) : [],
    canInvite ? listRoleOptions(db, ctx.account.id, ctx) : [],
    canInvite ? grantableProjects(db, ctx, null) : [],
  ]);

  return (
    <div className="space-y-8">
      {canInvite && (
        <section aria-labelledby="invite-heading">
          <Card className="p-6">
            <h2 id="invite-heading" className="mb-4 text-lg font-semibold">
              Invite people
            </h2>
            <InviteForm
              account={ctx.account.shortName}
              roles={roles.filter((r) => r.grantable)}
              projects={invitableProjects}
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

      {page ? (
        <MembersTable account={ctx.account.shortName} page={page} total={total ?? 0} q={q} sort={sort} />
      ) : (
        <Card className="p-6 text-center text-sm text-zinc-600">
          Your role does not include seeing the member list.
        </Card>
      )}
    </div>
  );
}
