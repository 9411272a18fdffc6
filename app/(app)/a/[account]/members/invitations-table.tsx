import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th } from "@/components/ui/table";
import type { DeliveryStatus } from "@/lib/email/delivery-status";
import { INVITATION_LIST_LIMIT, type AccountInvitation } from "@/lib/invitations/queries";
import { CopyInvitationLinkButton } from "./copy-invitation-link-button";
import { ResendButton } from "./invite-form";
import { RevokeInvitationButton } from "./revoke-invitation-button";

const DELIVERY: Record<DeliveryStatus, { label: string; tone: "zinc" | "green" | "amber" | "red" }> = {
  queued: { label: "Queued", tone: "zinc" },
  sent: { label: "Sent", tone: "green" },
  retrying: { label: "Failed — retrying", tone: "amber" },
  failed: { label: "Failed", tone: "red" },
};

/** Open, expired and recently declined invitations, with resend/renew, copy link and revoke. */
export function InvitationsTable({
  account,
  invitations,
}: {
  account: string;
  invitations: AccountInvitation[];
}) {
  if (invitations.length === 0) {
    return <p className="px-4 py-6 text-center text-sm text-zinc-600">No open invitations.</p>;
  }
  return (
    <>
      <Table caption="Invitations">
        <thead>
          <tr>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Invited by</Th>
            <Th>Sent</Th>
            <Th>Expires</Th>
            <Th>Email status</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {invitations.map((invitation) => (
            <tr key={invitation.id} data-invitation={invitation.email}>
              <Td className="font-medium wrap-break-word">{invitation.email}</Td>
              <Td>{invitation.roleLabel}</Td>
              <Td className="text-zinc-600">
                {invitation.viaJoinLink ? <em>asked via join link</em> : (invitation.invitedBy ?? "—")}
              </Td>
              <Td className="whitespace-nowrap text-zinc-600">
                <RelativeTime date={invitation.sentAt} />
              </Td>
              <Td className="whitespace-nowrap">
                {invitation.state === "pending" && (
                  <RelativeTime date={invitation.expiresAt} className="text-zinc-600" />
                )}
                {invitation.state === "expired" && <Badge tone="amber">Expired</Badge>}
                {invitation.state === "declined" && <Badge tone="red">Declined</Badge>}
              </Td>
              <Td>
                {invitation.delivery && (
                  <Badge tone={DELIVERY[invitation.delivery].tone}>
                    {DELIVERY[invitation.delivery].label}
                  </Badge>
                )}
              </Td>
              <Td className="text-right whitespace-nowrap">
                {invitation.state !== "declined" && (
                  <span className="inline-flex gap-2">
                    <ResendButton
                      account={account}
                      invitationId={invitation.id}
                      expired={invitation.state === "expired"}
                    />
                    <CopyInvitationLinkButton
                      account={account}
                      invitationId={invitation.id}
                      email={invitation.email}
                    />
                    <RevokeInvitationButton
                      account={account}
                      invitationId={invitation.id}
                      email={invitation.email}
                    />
                  </span>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {invitations.length >= INVITATION_LIST_LIMIT && (
        <p className="border-t border-zinc-100 px-4 py-3 text-sm text-zinc-600">
          Showing the {INVITATION_LIST_LIMIT} most recently sent.
        </p>
      )}
    </>
  );
}
