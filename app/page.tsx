import Link from "next/link";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { MyInvitations } from "@/components/my-invitations";
import { SignedInShell } from "@/components/signed-in-shell";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { LAST_ACCOUNT_COOKIE } from "@/lib/accounts/last-account";
import { homeAccountOf } from "@/lib/accounts/queries";
import { getCurrentSession } from "@/lib/auth/current";
import { Main } from "@/components/main-landmark";

/** `/`: the last used account; with no account, the two ways in; signed out, the front door. */
export default async function HomePage() {
  const session = await getCurrentSession();
  if (!session) return <Welcome />;
  if (session.impersonation) redirect(`/a/${session.impersonation.account.shortName}`);
  const openedLast = (await cookies()).get(LAST_ACCOUNT_COOKIE)?.value ?? null;
  const home = await homeAccountOf(await getDb(), session.user.id, openedLast);
  if (home) redirect(`/a/${home}`);
  return (
    <SignedInShell user={session.user} impersonation={null}>
      <div className="mx-auto max-w-2xl py-4">
        <h1 className="text-2xl font-semibold tracking-tight">You&apos;re not in any account yet</h1>
        <p className="mt-2 text-zinc-600">
          Create an account for your team, or join one you have been invited to.
        </p>
        <div className="mt-8 grid gap-4">
          <Card className="p-6">
            <h2 className="font-semibold">Create an account</h2>
            <p className="mt-1 text-sm text-zinc-600">
              Start a new account for your team, company or project.
            </p>
            <ButtonLink href="/accounts/new" className="mt-4">
              Create an account
            </ButtonLink>
          </Card>
          <section aria-labelledby="join-heading">
            <h2 id="join-heading" className="mt-4 mb-2 font-semibold">
              Join an account
            </h2>
            <MyInvitations
              user={session.user}
              emptyText={`No invitations for ${session.user.email} yet. Ask an administrator of the account to invite you, then accept here or from the link in the email.`}
            />
          </section>
        </div>
      </div>
    </SignedInShell>
  );
}

function Welcome() {
  return (
    <Main className="mx-auto flex min-h-screen max-w-2xl flex-col justify-center px-4 py-16">
      <p className="text-xl font-bold tracking-tight text-indigo-700">Roster</p>
      <h1 className="mt-6 text-4xl font-semibold tracking-tight">
        Your team&apos;s people, roles and access, in one place.
      </h1>
      <p className="mt-4 text-lg text-zinc-600">
        Create an account for your team, invite people by email with a role, and decide who can do what.
      </p>
      <div className="mt-8 flex gap-3">
        <ButtonLink href="/sign-up">Sign up</ButtonLink>
        <ButtonLink href="/sign-in" variant="secondary">
          Sign in
        </ButtonLink>
      </div>
      <p className="mt-10 text-sm text-zinc-500">
        Already invited? Open the link in your invitation email, or{" "}
        <Link href="/sign-in" className="underline">
          sign in
        </Link>{" "}
        to see it.
      </p>
    </Main>
  );
}
