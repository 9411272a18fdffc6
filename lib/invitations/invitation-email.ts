import { createElement } from "react";
import type { Db } from "@/db/client";
import InvitationEmail, { invitationSubject, type InvitationEmailProps } from "@/emails/invitation";
import { sendEmail } from "@/lib/email/outbox";
import { invitationUrl } from "./links";

/** Queues the invitation email carrying `token`'s link (inside the caller's transaction). */
export function queueInvitationEmail(
  tx: Db,
  invitation: { accountId: string; email: string; expiresAt: Date },
  details: {
    token: string;
    accountName: string;
    inviter: { name: string; email: string };
    roleLabel: string;
  },
) {
  const props: InvitationEmailProps = {
    accountName: details.accountName,
    inviterName: details.inviter.name,
    inviterEmail: details.inviter.email,
    roleLabel: details.roleLabel,
    acceptUrl: invitationUrl(details.token),
    expiresAt: invitation.expiresAt,
  };
  return sendEmail(tx, {
    template: "invitation",
    accountId: invitation.accountId,
    to: invitation.email,
    subject: invitationSubject(props),
    react: createElement(InvitationEmail, props),
  });
}
