import Link from "next/link";
import { Avatar } from "@/components/ui/avatar";
import { requireSession } from "@/lib/auth/current";
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
  // Read with the session, in its one statement (lib/auth/sessions.ts): the accounts they may
  // open (not those whose access was disabled or that wait for approval), open invitations.
  const { frame } = await requireSession();
  const openable = frame.accounts.filter((a) => !onlyAccountId || a.id === onlyAccountId);
  const invitations = user.emailVerifiedAt && !onlyAccountId ? frame.invitationCount : 0;
  return (
    <header className="border-b border-zinc-200 bg-surface">
      {/* `relative`: on a phone the account list opens across the whole bar. */}
      <div className="relative mx-auto flex h-14 max-w-6xl items-center gap-3 px-4 sm:gap-4">
        <Link href="/" prefetch={false} className="shrink-0 text-lg font-bold tracking-tight text-indigo-700">
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
        <div className="ml-auto flex shrink-0 items-center gap-2 sm:gap-3">
          {invitations > 0 && (
            <Link
              href="/accounts#invitations"
              prefetch={false}
              className="rounded-full bg-indigo-50 px-3 py-1 text-sm font-medium whitespace-nowrap text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-100"
            >
              {invitations === 1 ? "1 invitation" : `${invitations} invitations`}
            </Link>
          )}
          {/* On a phone only the initials show (the name stays the link's name, for screen readers). */}
          <Link
            href="/profile"
            prefetch={false}
            className="inline-flex items-center gap-2 rounded-full text-sm text-zinc-600 hover:text-zinc-900 hover:underline sm:rounded-none"
            title={`${user.email}: my profile`}
          >
            <Avatar
              id={user.id}
              name={user.name}
              email={user.email}
              size="md"
              className="sm:size-6 sm:text-[0.625rem]"
            />
            <span className="sr-only sm:not-sr-only">{user.displayName || user.name}</span>
          </Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
