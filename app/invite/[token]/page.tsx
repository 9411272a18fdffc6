import type { Metadata } from "next";
import Link from "next/link";
import { CenteredPage } from "@/components/centered-page";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db/client";
import { getCurrentSession } from "@/lib/auth/current";
import { formatDateTime } from "@/lib/format";
import { findInvitationByToken } from "@/lib/invitations/accept";
import { PROJECT_ROLES } from "@/lib/projects/project-roles";
import {
  CreateUserAndJoinForm,
  DeclineButton,
  JoinButton,
  SignInAndJoinForm,
  SwitchUserButton,
} from "./invitation-forms";

export const metadata: Metadata = { title: "Invitation", referrer: "same-origin" };

/** Accept or decline an invitation from its emailed link. */
export default async function InvitationPage({ params, searchParams }: PageProps<"/invite/[token]">) {
  const { token } = await params;
  const { declined } = await searchParams;
  const [invitation, session] = await Promise.all([
    findInvitationByToken(await getDb(), token),
    getCurrentSession(),
  ]);

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

  if (!invitation) {
    return (
      <CenteredPage>
        <Card className="p-6 sm:p-8">
          <h1 className="text-xl font-semibold">This invitation link is not valid</h1>
          <p className="mt-2 text-sm text-zinc-600">
            It may have expired, been revoked, or already been used. Ask the person who invited you to send a
            new invitation.
          </p>
          <Link href="/" className="mt-6 inline-block text-sm font-medium text-indigo-700 hover:underline">
            Go to Roster
          </Link>
        </Card>
      </CenteredPage>
    );
  }

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
          <strong className="break-all">{invitation.email}</strong> to join as{" "}
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
          This invitation expires on {formatDateTime(invitation.expiresAt)}.
        </p>

        <div className="mt-6">
          {signedInAsInvitee ? (
            <JoinButton token={token} />
          ) : session ? (
            <div className="space-y-4">
              <Notice tone="warning">
                This invitation is for <strong className="break-all">{invitation.email}</strong>, but you are
                signed in as <strong className="break-all">{session.user.email}</strong>.
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
