import type { ReactNode } from "react";
import type { SessionUser } from "@/lib/auth/sessions";
import { AppHeader } from "./app-header";
import { VerifyEmailBanner } from "./verify-email-banner";

/** The frame of every signed-in page: header, the email confirmation banner, the content. */
export function SignedInShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  return (
    <>
      <AppHeader user={user} />
      {!user.emailVerifiedAt && <VerifyEmailBanner email={user.email} />}
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
