import type { ReactNode } from "react";
import { SignedInShell } from "@/components/signed-in-shell";
import { requireSession } from "@/lib/auth/current";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const { user } = await requireSession();
  return <SignedInShell user={user}>{children}</SignedInShell>;
}
