import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import type { listMembers, MemberSort } from "@/lib/members/queries";

const SORT_LABELS: Record<MemberSort, string> = { name: "Name", role: "Role", joined: "Joined" };

/** The people of an account: search, sort, and pages that start where the last one ended. */
export function MembersTable({
  account,
  page,
  total,
  q,
  sort,
}: {
  account: string;
  page: Awaited<ReturnType<typeof listMembers>>;
  total: number;
  q: string;
  sort: MemberSort;
}) {
  const base = `/a/${account}/members`;
  const href = (params: Record<string, string | undefined>) => {
    const search = new URLSearchParams(
      Object.entries({ q: q || undefined, sort: sort === "name" ? undefined : sort, ...params }).filter(
        (e): e is [string, string] => Boolean(e[1]),
      ),
    );
    return `${base}${search.size ? `?${search}` : ""}`;
  };
  return (
    <section aria-labelledby="members-heading">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members <span className="text-sm font-normal text-zinc-500">({total.toLocaleString("en")})</span>
        </h2>
        {/* A search, not a change: GET keeps the results linkable, and nothing in it is secret. */}
        <form role="search" method="get" className="flex gap-2" action={base}>
          {sort !== "name" && <input type="hidden" name="sort" value={sort} />}
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
        {page.members.length === 0 ? (
          <p className="px-4 py-6 text-center text-sm text-zinc-600">
            {q ? `No members match “${q}”.` : "No members on this page."}
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
                    <Link
                      href={href({ sort: column === "name" ? undefined : column })}
                      className="hover:text-zinc-900"
                    >
                      {SORT_LABELS[column]}
                      {sort === column && <span aria-hidden="true"> {column === "joined" ? "↓" : "↑"}</span>}
                    </Link>
                  </Th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {page.members.map((member) => (
                <tr key={member.membershipId} className={member.disabledAt ? "text-zinc-500" : undefined}>
                  <Td>
                    <Link
                      href={`${base}/${member.membershipId}`}
                      className="block font-medium hover:text-indigo-700 hover:underline"
                    >
                      {member.name}
                    </Link>
                    <span className="block text-zinc-600">{member.email}</span>
                  </Td>
                  <Td>
                    {member.roleLabel}
                    {member.awaitingApprovalSince && (
                      <span className="ml-2">
                        <Badge tone="amber">Awaiting approval</Badge>
                      </span>
                    )}
                    {member.disabledAt && (
                      <span className="ml-2">
                        <Badge tone="amber">Access disabled</Badge>
                      </span>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap text-zinc-600">{formatDate(member.joinedAt)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {(page.previous || page.next) && (
          <nav
            aria-label="Member pages"
            className="flex items-center justify-end gap-4 border-t border-zinc-100 px-4 py-3 text-sm"
          >
            {page.previous && (
              <Link
                href={href({ before: page.previous })}
                className="font-medium text-indigo-700 hover:underline"
              >
                ← Previous
              </Link>
            )}
            {page.next && (
              <Link href={href({ after: page.next })} className="font-medium text-indigo-700 hover:underline">
                Next →
              </Link>
            )}
          </nav>
        )}
      </Card>
    </section>
  );
}
