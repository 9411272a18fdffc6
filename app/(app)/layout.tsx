import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { requireSession } from "@/lib/auth/current";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const { user } = await requireSession();
  return (
    <>
      <AppHeader user={user} />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
