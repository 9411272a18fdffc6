import { Heading, Link, Text } from "@react-email/components";
import { EmailButton, EmailLayout, paragraph, small } from "./components/email-layout";

export type InvitationEmailProps = {
  accountName: string;
  inviterName: string;
  inviterEmail: string;
  roleLabel: string;
  acceptUrl: string;
  expiresAt: Date;
};

export const invitationSubject = ({ inviterName, accountName }: InvitationEmailProps) =>
  `${inviterName} invited you to join ${accountName} on Roster`;

const formatDate = (date: Date) =>
  date.toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }) + " UTC";

/** An invitation to join an account. Text is built with template literals so it reads cleanly as plain text. */
export default function InvitationEmail(props: InvitationEmailProps) {
  const { accountName, inviterName, inviterEmail, roleLabel, acceptUrl, expiresAt } = props;
  return (
    <EmailLayout preview={`Join ${accountName} on Roster`}>
      <Heading as="h1" style={{ fontSize: 22, margin: "24px 0 8px" }}>
        {`Join ${accountName}`}
      </Heading>
      <Text
        style={paragraph}
      >{`${inviterName} (${inviterEmail}) invited you to join ${accountName} on Roster as ${roleLabel}.`}</Text>
      <EmailButton href={acceptUrl}>Accept the invitation</EmailButton>
      <Text
        style={small}
      >{`This invitation expires on ${formatDate(expiresAt)}. The link works once, and only for this email address.`}</Text>
      <Text style={small}>
        {"If the button does not work, open this link: "}
        <Link href={acceptUrl}>{acceptUrl}</Link>
      </Text>
    </EmailLayout>
  );
}

InvitationEmail.PreviewProps = {
  accountName: "Acme Inc",
  inviterName: "Ada Lovelace",
  inviterEmail: "ada@example.com",
  roleLabel: "Member",
  acceptUrl: "http://localhost:3000/invite/preview-token",
  expiresAt: new Date("2026-12-01T12:00:00Z"),
} satisfies InvitationEmailProps;
