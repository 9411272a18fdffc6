import type { ReactNode } from "react";
import Link from "next/link";
import { SignedInShell } from "@/components/signed-in-shell";
import { requireOperator } from "@/lib/admin/operator";

/**
 * The platform console, for platform operators only: to everyone else (signed out included)
 * it does not exist. Each page checks again (requireOperator is cached per request).
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { user, impersonation } = await requireOperator();
  return (
    <SignedInShell user={user} impersonation={impersonation}>
      <div className="mb-6 flex items-center gap-6 border-b border-zinc-200 pb-3">
        <h1 className="text-xl font-semibold">Platform console</h1>
        <nav aria-label="Console" className="flex gap-4 text-sm">
          <Link href="/admin" prefetch={false} className="text-indigo-700 hover:underline">
            Users
          </Link>
          <Link href="/admin/accounts" prefetch={false} className="text-indigo-700 hover:underline">
            Accounts
          </Link>
        </nav>
      </div>
      {children}
    </SignedInShell>
  );
}
