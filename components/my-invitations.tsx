import { RelativeTime } from "@/components/ui/relative-time";
import { getDb } from "@/db/client";
import type { SessionUser } from "@/lib/auth/sessions";
import { listInvitationsForEmail } from "@/lib/invitations/queries";
import { MyInvitationButtons } from "./my-invitation-buttons";
import { Card } from "./ui/card";

/** Invitations addressed to the signed-in user's verified email, with accept and decline. */
export async function MyInvitations({ user, emptyText }: { user: SessionUser; emptyText?: string }) {
  if (!user.emailVerifiedAt) {
    return (
      <Card className="p-6 text-sm text-zinc-600">
        Confirm your email address to see invitations sent to {user.email}. An invitation&apos;s emailed link
        works even before that.
      </Card>
    );
  }
  const invitations = await listInvitationsForEmail(await getDb(), user.email);
  if (invitations.length === 0) {
    return emptyText ? <Card className="p-6 text-sm text-zinc-600">{emptyText}</Card> : null;
  }
  return (
    <Card>
      <ul className="divide-y divide-zinc-100" aria-label="Invitations for you">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-4 px-5 py-4">
            <div className="text-sm">
              <p className="font-medium">{invitation.account.displayName}</p>
              <p className="text-zinc-600">
                {invitation.invitedBy ? `${invitation.invitedBy} invited you` : "You are invited"} as{" "}
                {invitation.roleLabel} · expires <RelativeTime date={invitation.expiresAt} />
              </p>
            </div>
            <MyInvitationButtons invitationId={invitation.id} accountName={invitation.account.displayName} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
