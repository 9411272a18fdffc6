import type { Metadata } from "next";
import Link from "next/link";
import { MyInvitations } from "@/components/my-invitations";
import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listAccountsOf } from "@/lib/accounts/queries";
import { requireOwnSession } from "@/lib/auth/current";
import { roleLabel } from "@/lib/permissions/roles";

export const metadata: Metadata = { title: "Your accounts" };

export default async function AccountsPage({ searchParams }: PageProps<"/accounts">) {
  const { user } = await requireOwnSession();
  const accounts = await listAccountsOf(await getDb(), user.id);
  const { disabled, awaiting } = await searchParams;
  // Named in the URL by the redirect from an account they cannot open; shown only if it is one of theirs.
  const disabledAccount = accounts.find((a) => a.disabledAt && a.shortName === disabled);
  const awaitingAccount = accounts.find((a) => a.awaitingApprovalSince && a.shortName === awaiting);
  return (
    <>
      <PageHeader
        title="Your accounts"
        description="Every account you belong to, and your role in it."
        actions={<ButtonLink href="/accounts/new">Add an account</ButtonLink>}
      />
      {disabledAccount && (
        <div className="mb-6">
          <Notice tone="warning">
            An administrator of {disabledAccount.displayName} has disabled your access to it. Ask them to
            enable it again.
          </Notice>
        </div>
      )}
      {awaitingAccount && (
        <div className="mb-6">
          <Notice tone="info">
            Your membership of {awaitingAccount.displayName} waits for an administrator&apos;s approval. You
            can open it once you are approved.
          </Notice>
        </div>
      )}
      {accounts.length === 0 ? (
        <Card className="p-8 text-center text-sm text-zinc-600">
          You don&apos;t belong to any account yet.{" "}
          <Link href="/accounts/new" className="font-medium text-indigo-700 hover:underline">
            Create one
          </Link>
          .
        </Card>
      ) : (
        <Card>
          <ul className="divide-y divide-zinc-100">
            {accounts.map((account) => (
              <li key={account.id}>
                {account.disabledAt || account.awaitingApprovalSince ? (
                  <div className="flex items-center justify-between gap-4 px-5 py-4 text-zinc-500">
                    <span>
                      <span className="block font-medium">{account.displayName}</span>
                      <span className="block font-mono text-xs">/a/{account.shortName}</span>
                    </span>
                    <Badge tone="amber">{account.disabledAt ? "Access disabled" : "Awaiting approval"}</Badge>
                  </div>
                ) : (
                  <Link
                    href={`/a/${account.shortName}`}
                    prefetch={false}
                    className="flex items-center justify-between gap-4 px-5 py-4 hover:bg-zinc-50"
                  >
                    <span>
                      <span className="block font-medium">{account.displayName}</span>
                      <span className="block font-mono text-xs text-zinc-500">/a/{account.shortName}</span>
                    </span>
                    <span className="text-sm text-zinc-600">
                      {roleLabel(account.role, account.customRoleName)}
                    </span>
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <section id="invitations" aria-labelledby="invitations-heading" className="mt-10 scroll-mt-8">
        <h2 id="invitations-heading" className="mb-3 text-lg font-semibold">
          Invitations for you
        </h2>
        <MyInvitations user={user} emptyText="No open invitations for you." />
      </section>
    </>
  );
}
