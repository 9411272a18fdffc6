import { Heading, Link, Text } from "@react-email/components";
import { EmailButton, EmailLayout, paragraph, small } from "./components/email-layout";

export type JoinRequestEmailProps = {
  accountName: string;
  roleLabel: string;
  acceptUrl: string;
  expiresAt: Date;
};

export const joinRequestSubject = ({ accountName }: JoinRequestEmailProps) =>
  `Your link to join ${accountName} on Roster`;

const formatDate = (date: Date) =>
  date.toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }) + " UTC";

/**
 * The invitation someone asked for through an account's join link: no inviter, they asked
 * themselves. Text is built with template literals so it reads cleanly as plain text.
 */
export default function JoinRequestEmail(props: JoinRequestEmailProps) {
  const { accountName, roleLabel, acceptUrl, expiresAt } = props;
  return (
    <EmailLayout preview={`Join ${accountName} on Roster`}>
      <Heading as="h1" style={{ fontSize: 22, margin: "24px 0 8px" }}>
        {`Join ${accountName}`}
      </Heading>
      <Text
        style={paragraph}
      >{`You asked to join ${accountName} on Roster, through its join link. You will join as ${roleLabel}.`}</Text>
      <EmailButton href={acceptUrl}>{`Join ${accountName}`}</EmailButton>
      <Text
        style={small}
      >{`This link expires on ${formatDate(expiresAt)}. It works once, and only for this email address.`}</Text>
      <Text style={small}>
        {"If the button does not work, open this link: "}
        <Link href={acceptUrl}>{acceptUrl}</Link>
      </Text>
      <Text style={small}>
        {"If you did not ask to join, ignore this email: nothing happens unless the link is used."}
      </Text>
    </EmailLayout>
  );
}

JoinRequestEmail.PreviewProps = {
  accountName: "Acme Inc",
  roleLabel: "Member",
  acceptUrl: "http://localhost:3000/invite/preview-token",
  expiresAt: new Date("2026-12-01T12:00:00Z"),
} satisfies JoinRequestEmailProps;
