import Link from "next/link";
import { LinkPending } from "@/components/link-pending";
import { Pager } from "@/components/ui/pager";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { Avatar } from "@/components/ui/avatar";
import { RelativeTime } from "@/components/ui/relative-time";
import {
  MEMBER_STATUS_LABELS,
  type listMembers,
  type MemberSort,
  type MemberStatus,
} from "@/lib/members/queries";
import { PROJECT_ROLES } from "@/lib/projects/project-roles";
import { memberListHref, type MemberListView } from "./list-params";
import { MemberFiltersForm, type FilterOption } from "./member-filters-form";

const STATUS_TONES: Record<MemberStatus, "green" | "amber" | "zinc"> = {
  active: "green",
  awaiting: "amber",
  disabled: "zinc",
};
/** Newest first for dates; A→Z (blanks last) for the rest. */
const DESCENDING: ReadonlySet<MemberSort> = new Set(["joined", "lastActive"]);

type Page = Awaited<ReturnType<typeof listMembers>>;

/** The people of an account: search, filters, sorts and pages, all on the server and in the URL. */
export function MembersTable({
  account,
  page,
  total,
  view,
  roles,
  projects,
  canManage,
  seatsFull,
}: {
  account: string;
  page: Page;
  total: { count: number; exact: boolean };
  view: MemberListView;
  roles: FilterOption[];
  /** Offered as a filter and shown as a column to those who see every project; else null. */
  projects: FilterOption[] | null;
  canManage: boolean;
  /** Every seat of the plan is taken: "New user" is shown, but cannot be used. */
  seatsFull: boolean;
}) {
  const base = `/a/${account}/members`;
  const filtered = Boolean(view.q || view.filters.role || view.filters.status || view.filters.project);
  const sortHeader = (column: MemberSort, label: string) => (
    <Th
      aria-sort={view.sort === column ? (DESCENDING.has(column) ? "descending" : "ascending") : undefined}
      className="whitespace-nowrap"
    >
      <Link
        href={memberListHref(base, view, { sort: column === "name" ? null : column })}
        prefetch={false}
        className="hover:text-zinc-900"
      >
        {label}
        {view.sort === column && <span aria-hidden="true"> {DESCENDING.has(column) ? "↓" : "↑"}</span>}
      </Link>
    </Th>
  );
  return (
    <section aria-labelledby="members-heading">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members{" "}
          <span className="text-sm font-normal text-zinc-500">
            (
            {total.exact ? total.count.toLocaleString("en") : `more than ${total.count.toLocaleString("en")}`}
            {filtered ? " matching" : ""})
          </span>
        </h2>
        {canManage && (
          <div className="flex items-center gap-2">
            {/* A plain link, not a client navigation: the route answers with a file to save. */}
            <a
              href={`${base}/export`}
              download
              className="rounded-md bg-surface px-3 py-1.5 text-sm font-medium ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50"
            >
              Export CSV
              <span className="sr-only"> of everyone in the account</span>
            </a>
            {seatsFull ? (
              <span
                aria-disabled="true"
                title="Every seat of the plan is taken"
                className="cursor-not-allowed rounded-md bg-zinc-200 px-3 py-1.5 text-sm font-semibold text-zinc-600"
              >
                New user
              </span>
            ) : (
              <Link
                href={`${base}/new`}
                prefetch={false}
                className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-xs hover:bg-indigo-500"
              >
                New user
              </Link>
            )}
          </div>
        )}
      </div>
      <MemberFiltersForm base={base} view={view} roles={roles} projects={projects} />
      <Card>
        {page.members.length === 0 ? (
          <p className="px-4 py-6 text-center text-sm text-zinc-600">
            {filtered ? "No one matches this search and these filters." : "No one on this page."}
          </p>
        ) : (
          <Table caption="Members">
            <thead>
              <tr>
                {sortHeader("name", "Name")}
                {sortHeader("email", "Email")}
                {sortHeader("username", "User name")}
                {sortHeader("company", "Company")}
                {sortHeader("role", "Role")}
                {sortHeader("status", "Status")}
                <Th>Approved</Th>
                <Th className="whitespace-nowrap">Added by</Th>
                {projects && <Th>Projects</Th>}
                {sortHeader("joined", "Joined")}
                {sortHeader("lastActive", "Last active")}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {page.members.map((member) => (
                <tr
                  key={member.membershipId}
                  className={member.status === "disabled" ? "text-zinc-500" : undefined}
                >
                  <Td>
                    <div className="flex items-center gap-3">
                      <Avatar id={member.userId} name={member.name} email={member.email} />
                      <div>
                        {/* Not prefetched, as no link of this table: each is a server render. */}
                        <Link
                          href={`${base}/${member.membershipId}`}
                          prefetch={false}
                          className="block font-medium hover:text-indigo-700 hover:underline"
                        >
                          {member.name}
                          <LinkPending />
                        </Link>
                        {member.displayName && (
                          <span className="block text-xs text-zinc-500">Shown as {member.displayName}</span>
                        )}
                      </div>
                    </div>
                  </Td>
                  <Td className="text-zinc-600">{member.email}</Td>
                  <Td className="text-zinc-600">{member.username || <Blank />}</Td>
                  <Td className="text-zinc-600">{member.company || <Blank />}</Td>
                  <Td className="whitespace-nowrap">{member.roleLabel}</Td>
                  <Td className="whitespace-nowrap">
                    <Badge tone={STATUS_TONES[member.status]}>{MEMBER_STATUS_LABELS[member.status]}</Badge>
                  </Td>
                  <Td className="whitespace-nowrap text-zinc-600">
                    {member.approvedAt ? (
                      <>
                        {member.approvedByName ?? "Someone"}
                        <RelativeTime date={member.approvedAt} className="block text-xs" />
                      </>
                    ) : (
                      <Blank />
                    )}
                  </Td>
                  <Td className="whitespace-nowrap text-zinc-600">{member.addedByName ?? <Blank />}</Td>
                  {projects && (
                    <Td className="text-zinc-600">
                      <div className="flex items-start gap-2">
                        <ul className="min-w-24">
                          {member.projects.length === 0 ? (
                            <li>
                              <Blank />
                            </li>
                          ) : (
                            member.projects.map((p) => (
                              <li key={p.key} className="whitespace-nowrap" title={p.name}>
                                <span className="font-mono text-xs">{p.key}</span>{" "}
                                <span className="text-xs">{PROJECT_ROLES[p.role].label}</span>
                              </li>
                            ))
                          )}
                        </ul>
                        {canManage && (
                          <Link
                            href={`${base}/${member.membershipId}#projects`}
                            prefetch={false}
                            className="rounded p-0.5 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
                            aria-label={`Edit the projects of ${member.name}`}
                          >
                            <span aria-hidden="true">✎</span>
                          </Link>
                        )}
                      </div>
                    </Td>
                  )}
                  <Td className="whitespace-nowrap text-zinc-600">
                    <RelativeTime date={member.joinedAt} />
                  </Td>
                  <Td className="whitespace-nowrap text-zinc-600">
                    {member.lastActiveAt ? <RelativeTime date={member.lastActiveAt} /> : "Never"}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <Pager
          label="Pages of people"
          previous={page.previous ? { href: memberListHref(base, view, { before: page.previous }) } : null}
          next={page.next ? { href: memberListHref(base, view, { after: page.next }) } : null}
          range={{
            // Keyset paging knows its place only at either end of the list.
            first: !page.previous
              ? 1
              : !page.next && total.exact
                ? total.count - page.members.length + 1
                : null,
            shown: page.members.length,
            total: total.count,
            exact: total.exact,
          }}
        />
      </Card>
    </section>
  );
}

function Blank() {
  return (
    <span className="text-zinc-400">
      <span aria-hidden="true">—</span>
      <span className="sr-only">none</span>
    </span>
  );
}
