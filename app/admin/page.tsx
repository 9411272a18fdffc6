import type { Metadata } from "next";
import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/filter-form";
import { Pager } from "@/components/ui/pager";
import { redirect } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listUsers, MIN_SEARCH_LENGTH, type UserSort } from "@/lib/admin/lists";
import { requireOperator } from "@/lib/admin/operator";
import { readUserListView, userListHref } from "./list-params";
import { UserActions } from "./user-actions";

export const metadata: Metadata = { title: "Platform console" };

const SORT_LABELS: Record<UserSort, string> = { name: "Name", email: "Email", created: "Newest first" };
const day = (date: Date) => date.toISOString().slice(0, 10);

/** Every user of the installation: search, sort and page through the URL (a GET form). */
export default async function AdminUsersPage({ searchParams }: PageProps<"/admin">) {
  const me = await requireOperator();
  const query = await searchParams;
  const view = readUserListView(query);
  // The form GETs every field: the address without the empty ones is the one to share.
  if (Object.values(query).some((value) => value === "")) redirect(userListHref(view, view.cursor ?? {}));
  const page = await listUsers(await getDb(), view);

  return (
    <section aria-labelledby="users-heading" className="space-y-4">
      <h2 id="users-heading" className="text-lg font-semibold">
        Users
      </h2>
      <FilterForm
        label="Search users"
        action="/admin"
        submitLabel="Search"
        clear={view.q ? { href: userListHref(view, { q: null }), label: "Clear search" } : null}
      >
        <FilterInput
          id="user-search"
          label="Search users"
          name="q"
          type="search"
          defaultValue={view.q}
          placeholder="Name, email or user name"
          wide
        />
        <FilterSelect
          id="user-sort"
          label="Sort by"
          name="sort"
          defaultValue={view.sort}
          options={Object.entries(SORT_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </FilterForm>
      <Card>
        <Table caption="Users">
          <thead className="bg-zinc-50">
            <tr>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>User name</Th>
              <Th>Accounts</Th>
              <Th>Operator</Th>
              <Th>Status</Th>
              <Th>Created</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {page.users.length === 0 && (
              <tr>
                <Td colSpan={8} className="text-center text-zinc-600">
                  {page.searchTooShort
                    ? `Type at least ${MIN_SEARCH_LENGTH} characters to search.`
                    : view.q
                      ? `No user matches “${view.q}”.`
                      : "No users yet."}
                </Td>
              </tr>
            )}
            {page.users.map((user) => (
              <tr key={user.id} data-user-email={user.email}>
                <Td className="font-medium">{user.name}</Td>
                <Td>{user.email}</Td>
                <Td>{user.username ?? "—"}</Td>
                <Td title={user.accountNames.join(", ")}>
                  {user.accountCount}
                  {user.accountNames.length > 0 && (
                    <span className="ml-1 text-xs text-zinc-500">
                      ({user.accountNames.join(", ")}
                      {user.accountCount > user.accountNames.length ? ", …" : ""})
                    </span>
                  )}
                </Td>
                <Td>{user.isOperator ? <Badge tone="indigo">Operator</Badge> : "—"}</Td>
                <Td>
                  {user.disabledAt ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}
                </Td>
                <Td>{day(user.createdAt)}</Td>
                <Td>
                  {user.id === me.user.id ? (
                    <span className="text-xs text-zinc-500">You</span>
                  ) : (
                    <UserActions
                      user={{
                        id: user.id,
                        name: user.name,
                        email: user.email,
                        isOperator: user.isOperator,
                        disabled: Boolean(user.disabledAt),
                      }}
                    />
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
      <Pager
        label="Pages of users"
        previous={page.previous ? { href: userListHref(view, { before: page.previous }) } : null}
        next={page.next ? { href: userListHref(view, { after: page.next }) } : null}
      />
    </section>
  );
}
