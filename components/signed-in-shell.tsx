import type { ReactNode } from "react";
import type { Impersonation, SessionUser } from "@/lib/auth/sessions";
import { AppHeader } from "./app-header";
import { Main } from "./main-landmark";
import { ImpersonationBanner } from "./impersonation-banner";
import { VerifyEmailBanner } from "./verify-email-banner";

const timeOfDay = (date: Date) => `${date.toISOString().slice(11, 16)} UTC`;

/**
 * The frame of every signed-in page: header, the banner of an administrator acting as this
 * user (or the email confirmation banner), the content.
 */
export function SignedInShell({
  user,
  impersonation,
  children,
}: {
  user: SessionUser;
  impersonation: Impersonation | null;
  children: ReactNode;
}) {
  return (
    <>
      {impersonation && (
        <ImpersonationBanner
          name={user.name}
          accountName={impersonation.account.displayName}
          until={timeOfDay(impersonation.expiresAt)}
        />
      )}
      <AppHeader user={user} onlyAccountId={impersonation?.account.id ?? null} />
      {!user.emailVerifiedAt && !impersonation && <VerifyEmailBanner email={user.email} />}
      <Main className="mx-auto max-w-6xl px-4 py-8">{children}</Main>
    </>
  );
}
