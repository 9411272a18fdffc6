import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CenteredPage } from "@/components/centered-page";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { RelativeTime } from "@/components/ui/relative-time";
import { getDb } from "@/db/client";
import { getCurrentSession } from "@/lib/auth/current";
import { findInvitationByToken } from "@/lib/invitations/accept";
import { PROJECT_ROLES } from "@/lib/projects/project-roles";
import {
  CreateUserAndJoinForm,
  DeclineButton,
  JoinButton,
  SignInAndJoinForm,
  SwitchUserButton,
} from "./invitation-forms";

/** The invitation behind a link, looked up once per request for the title and the page. */
const invitationOf = cache(async (token: string) => findInvitationByToken(await getDb(), token));

export async function generateMetadata({
  params,
  searchParams,
}: PageProps<"/invite/[token]">): Promise<Metadata> {
  const [{ token }, { declined }] = await Promise.all([params, searchParams]);
  const invitation = await invitationOf(token);
  // No invitation: the page answers 404 (not-found.tsx), titled here as well.
  const title = invitation ? "Invitation" : declined ? "Invitation declined" : "Not found";
  return { title, referrer: "same-origin" };
}

/** Accept or decline an invitation from its emailed link. */
export default async function InvitationPage({ params, searchParams }: PageProps<"/invite/[token]">) {
  const { token } = await params;
  const { declined } = await searchParams;
  const [invitation, session] = await Promise.all([invitationOf(token), getCurrentSession()]);

  if (!invitation && declined) {
    return (
      <CenteredPage>
        <Card className="p-6 sm:p-8">
          <h1 className="text-xl font-semibold">Invitation declined</h1>
          <p className="mt-2 text-sm text-zinc-600">
            You will not join, and the link no longer works. Nothing else will happen.
          </p>
        </Card>
      </CenteredPage>
    );
  }

  // Unknown, expired, revoked or used: a 404 (not-found.tsx says what may have happened).
  if (!invitation) notFound();

  const signedInAsInvitee = session && session.user.email.toLowerCase() === invitation.email.toLowerCase();
  return (
    <CenteredPage>
      <Card className="p-6 sm:p-8">
        <p className="text-sm font-medium text-indigo-700">Invitation</p>
        <h1 className="mt-1 text-xl font-semibold">Join {invitation.account.displayName}</h1>
        <p className="mt-2 text-sm text-zinc-700">
          {invitation.inviter ? (
            <>
              <strong>{invitation.inviter.name}</strong> ({invitation.inviter.email}) invited{" "}
            </>
          ) : (
            "You are invited: "
          )}
          <strong className="wrap-break-word">{invitation.email}</strong> to join as{" "}
          <strong>{invitation.roleLabel}</strong>.
        </p>
        {invitation.projects.length > 0 && (
          <p className="mt-2 text-sm text-zinc-700">
            You will have access to{" "}
            {invitation.projects.map((project, index) => (
              <span key={project.name}>
                {index > 0 && ", "}
                <strong>{project.name}</strong> ({PROJECT_ROLES[project.role].label.toLowerCase()})
              </span>
            ))}
            .
          </p>
        )}
        <p className="mt-1 text-xs text-zinc-500">
          This invitation expires <RelativeTime date={invitation.expiresAt} />.
        </p>

        <div className="mt-6">
          {signedInAsInvitee ? (
            <JoinButton token={token} />
          ) : session ? (
            <div className="space-y-4">
              <Notice tone="warning">
                This invitation is for <strong className="wrap-break-word">{invitation.email}</strong>, but
                you are signed in as <strong className="wrap-break-word">{session.user.email}</strong>.
              </Notice>
              <SwitchUserButton token={token} email={invitation.email} />
            </div>
          ) : invitation.userExists ? (
            <SignInAndJoinForm token={token} email={invitation.email} />
          ) : (
            <CreateUserAndJoinForm token={token} email={invitation.email} />
          )}
        </div>

        {(!session || signedInAsInvitee) && (
          <div className="mt-6 border-t border-zinc-100 pt-4">
            <DeclineButton token={token} accountName={invitation.account.displayName} />
          </div>
        )}
      </Card>
    </CenteredPage>
  );
}
