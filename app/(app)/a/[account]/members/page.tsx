import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { requireMember } from "@/lib/auth/current";
import { formatDate } from "@/lib/format";
import { listAccountInvitations } from "@/lib/invitations/queries";
import { listMembers, MEMBER_SORTS, MEMBERS_PAGE_SIZE, type MemberSort } from "@/lib/members/queries";
import { can } from "@/lib/permissions/can";
import { grantableBuiltInRoles } from "@/lib/permissions/grants";
import { BUILT_IN_ROLES } from "@/lib/permissions/roles";
import { InvitationsTable } from "./invitations-table";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Members" };

const SORT_LABELS: Record<MemberSort, string> = { name: "Name", role: "Role", joined: "Joined" };

export default async function MembersPage({ params, searchParams }: PageProps<"/a/[account]/members">) {
  const ctx = await requireMember((await params).account);
  const query = await searchParams;
  const q = typeof query.q === "string" ? query.q.slice(0, 100) : "";
  const sort = MEMBER_SORTS.find((s) => s === query.sort) ?? "name";
  const page = Math.max(1, Number.parseInt(typeof query.page === "string" ? query.page : "1", 10) || 1);
  const db = await getDb();
  const canInvite = can(ctx, "members.invite");
  const [{ members, total }, invitations] = await Promise.all([
    can(ctx, "members.read") ? listMembers(db, ctx.account.id, { q, sort, page }) : { members: [], total: 0 },
    canInvite ? listAccountInvitations(db, ctx.account.id) : [],
  ]);
  const base = `/a/${ctx.account.shortName}/members`;
  const href = (changes: Record<string, string | number>) => {
    const next = new URLSearchParams({
      ...(q && { q }),
      sort,
      page: String(page),
      ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, String(v)])),
    });
    if (next.get("page") === "1") next.delete("page");
    if (next.get("sort") === "name") next.delete("sort");
    return `${base}${next.size ? `?${next}` : ""}`;
  };
  const pages = Math.max(1, Math.ceil(total / MEMBERS_PAGE_SIZE));

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
              roles={grantableBuiltInRoles(ctx).map((role) => ({
                value: role,
                label: BUILT_IN_ROLES[role].label,
                description: BUILT_IN_ROLES[role].description,
              }))}
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

      <section aria-labelledby="members-heading">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="members-heading" className="text-lg font-semibold">
            Members <span className="text-sm font-normal text-zinc-500">({total})</span>
          </h2>
          <form role="search" className="flex gap-2" action={base}>
            <input type="hidden" name="sort" value={sort} />
            <label htmlFor="member-search" className="sr-only">
              Search members
            </label>
            <input
              id="member-search"
              name="q"
              type="search"
              defaultValue={q}
              placeholder="Search by name or email"
              className="w-64 rounded-md border-0 px-3 py-1.5 text-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none"
            />
            <button
              type="submit"
              className="rounded-md bg-white px-3 py-1.5 text-sm font-medium ring-1 ring-zinc-300 hover:bg-zinc-50"
            >
              Search
            </button>
          </form>
        </div>
        <Card>
          {!can(ctx, "members.read") ? (
            <p className="px-4 py-6 text-center text-sm text-zinc-600">
              Your role does not include seeing the member list.
            </p>
          ) : members.length === 0 ? (
            <p className="px-4 py-6 text-center text-sm text-zinc-600">
              {q ? `No members match “${q}”.` : "No members yet."}
            </p>
          ) : (
            <Table caption="Members">
              <thead>
                <tr>
                  {(["name", "role", "joined"] as const).map((column) => (
                    <Th
                      key={column}
                      aria-sort={
                        sort === column ? (column === "joined" ? "descending" : "ascending") : undefined
                      }
                    >
                      <Link href={href({ sort: column, page: 1 })} className="hover:text-zinc-900">
                        {SORT_LABELS[column]}
                        {sort === column && (
                          <span aria-hidden="true"> {column === "joined" ? "↓" : "↑"}</span>
                        )}
                      </Link>
                    </Th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {members.map((member) => (
                  <tr key={member.membershipId}>
                    <Td>
                      <span className="block font-medium">{member.name}</span>
                      <span className="block text-zinc-600">{member.email}</span>
                    </Td>
                    <Td>{member.roleLabel}</Td>
                    <Td className="whitespace-nowrap text-zinc-600">{formatDate(member.joinedAt)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          {pages > 1 && (
            <nav
              aria-label="Pages"
              className="flex items-center justify-between border-t border-zinc-100 px-4 py-3 text-sm"
            >
              <span className="text-zinc-600">
                Page {page} of {pages}
              </span>
              <span className="flex gap-2">
                {page > 1 && <Link href={href({ page: page - 1 })}>Previous</Link>}
                {page < pages && <Link href={href({ page: page + 1 })}>Next</Link>}
              </span>
            </nav>
          )}
        </Card>
      </section>
    </div>
  );
}
