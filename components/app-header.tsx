import Link from "next/link";
import { getDb } from "@/db/client";
import { listAccountsOf } from "@/lib/accounts/queries";
import { listInvitationsForEmail } from "@/lib/invitations/queries";
import type { SessionUser } from "@/lib/auth/sessions";
import { roleLabel } from "@/lib/permissions/roles";
import { AccountSwitcher } from "./account-switcher";
import { SignOutButton } from "./sign-out-button";

/**
 * The bar on every signed-in page: home, the account switcher, the user and sign out. While an
 * administrator acts as the user, `onlyAccountId` is the account they act in: the user's other
 * accounts and invitations are not theirs to see.
 */
export async function AppHeader({
  user,
  onlyAccountId,
}: {
  user: SessionUser;
  onlyAccountId: string | null;
}) {
  const db = await getDb();
  const [accounts, invitations] = await Promise.all([
    listAccountsOf(db, user.id),
    user.emailVerifiedAt && !onlyAccountId ? listInvitationsForEmail(db, user.email) : [],
  ]);
  // Accounts they may open: not those whose access was disabled or that wait for approval.
  const openable = accounts.filter(
    (a) => !a.disabledAt && !a.awaitingApprovalSince && (!onlyAccountId || a.id === onlyAccountId),
  );
  return (
    <header className="border-b border-zinc-200 bg-white">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-4">
        <Link href="/" prefetch={false} className="text-lg font-bold tracking-tight text-indigo-700">
          Roster
        </Link>
        {openable.length > 0 && (
          <AccountSwitcher
            accounts={openable.map((a) => ({
              shortName: a.shortName,
              displayName: a.displayName,
              roleLabel: roleLabel(a.role, a.customRoleName),
            }))}
          />
        )}
        <div className="ml-auto flex items-center gap-3">
          {invitations.length > 0 && (
            <Link
              href="/accounts#invitations"
              prefetch={false}
              className="rounded-full bg-indigo-50 px-3 py-1 text-sm font-medium text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-100"
            >
              {invitations.length === 1 ? "1 invitation" : `${invitations.length} invitations`}
            </Link>
          )}
          <Link
            href="/profile"
            prefetch={false}
            className="hidden text-sm text-zinc-600 hover:text-zinc-900 hover:underline sm:inline"
            title={`${user.email}: my profile`}
          >
            {user.displayName || user.name}
          </Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
