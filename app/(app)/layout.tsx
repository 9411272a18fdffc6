import type { ReactNode } from "react";
import { SignedInShell } from "@/components/signed-in-shell";
import { requireSession } from "@/lib/auth/current";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const { user, impersonation } = await requireSession();
  return (
    <SignedInShell user={user} impersonation={impersonation}>
      {children}
    </SignedInShell>
  );
}
