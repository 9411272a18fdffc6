import "server-only";
import { createElement } from "react";
import type { Db } from "@/db/client";
import InvitationEmail, { invitationSubject, type InvitationEmailProps } from "@/emails/invitation";
import JoinRequestEmail, { joinRequestSubject, type JoinRequestEmailProps } from "@/emails/join-request";
import { sendEmail } from "@/lib/email/outbox";
import { invitationUrl } from "./links";

/**
 * Queues the invitation email carrying `token`'s link (inside the caller's transaction). With
 * no inviter, the invitee asked for it through the account's join link, and the email says so.
 */
export function queueInvitationEmail(
  tx: Db,
  invitation: { accountId: string; email: string; expiresAt: Date },
  details: {
    token: string;
    accountName: string;
    inviter: { name: string; email: string } | null;
    roleLabel: string;
  },
) {
  const acceptUrl = invitationUrl(details.token);
  if (!details.inviter) {
    const props: JoinRequestEmailProps = {
      accountName: details.accountName,
      roleLabel: details.roleLabel,
      acceptUrl,
      expiresAt: invitation.expiresAt,
    };
    return sendEmail(tx, {
      template: "join-request",
      accountId: invitation.accountId,
      to: invitation.email,
      subject: joinRequestSubject(props),
      react: createElement(JoinRequestEmail, props),
    });
  }
  const props: InvitationEmailProps = {
    accountName: details.accountName,
    inviterName: details.inviter.name,
    inviterEmail: details.inviter.email,
    roleLabel: details.roleLabel,
    acceptUrl,
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
