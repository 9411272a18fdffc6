import type { Metadata } from "next";
import { FilterForm, FilterInput } from "@/components/ui/filter-form";
import { Pager } from "@/components/ui/pager";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { listAccounts } from "@/lib/admin/lists";
import { requireOperator } from "@/lib/admin/operator";
import { planOf } from "@/lib/plans/plans";
import { accountListHref, readAccountListView } from "../list-params";
import { PlanForm } from "./plan-form";

export const metadata: Metadata = { title: "Accounts · Platform console" };

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Every account, by short name, searchable and paged by keyset through the URL. */
export default async function AdminAccountsPage({ searchParams }: PageProps<"/admin/accounts">) {
  await requireOperator();
  const view = readAccountListView(await searchParams);
  const page = await listAccounts(await getDb(), view);
  return (
    <section aria-labelledby="accounts-heading" className="space-y-4">
      <h2 id="accounts-heading" className="text-lg font-semibold">
        Accounts
      </h2>
      <FilterForm
        label="Search accounts"
        action="/admin/accounts"
        submitLabel="Search"
        clear={view.q ? { href: "/admin/accounts", label: "Clear search" } : null}
      >
        <FilterInput
          id="account-search"
          label="Search accounts"
          name="q"
          type="search"
          defaultValue={view.q}
          placeholder="Short name or display name"
          wide
        />
      </FilterForm>
      <Card>
        <Table caption="Accounts">
          <thead className="bg-zinc-50">
            <tr>
              <Th>Account</Th>
              <Th>Owner</Th>
              <Th>Members</Th>
              <Th>Created</Th>
              <Th>Plan</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {page.accounts.length === 0 && (
              <tr>
                <Td colSpan={5} className="text-center text-zinc-600">
                  {view.q ? `No account matches “${view.q}”.` : "No accounts yet."}
                </Td>
              </tr>
            )}
            {page.accounts.map((account) => (
              <tr key={account.id} data-account={account.shortName}>
                <Td>
                  <div className="font-medium">{account.displayName}</div>
                  <div className="text-xs text-zinc-500">{account.shortName}</div>
                </Td>
                <Td>
                  {account.ownerEmail ? (
                    <>
                      <div>{account.ownerName}</div>
                      <div className="text-xs text-zinc-500">{account.ownerEmail}</div>
                    </>
                  ) : (
                    "—"
                  )}
                </Td>
                <Td>{account.memberCount}</Td>
                <Td>{day(account.createdAt)}</Td>
                <Td>
                  <PlanForm
                    accountId={account.id}
                    shortName={account.shortName}
                    plan={planOf(account.plan).id}
                  />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
      <Pager
        label="Pages of accounts"
        previous={page.previous ? { href: accountListHref(view, { before: page.previous }) } : null}
        next={page.next ? { href: accountListHref(view, { after: page.next }) } : null}
      />
    </section>
  );
}
