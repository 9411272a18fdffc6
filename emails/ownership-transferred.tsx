import { Heading, Link, Text } from "@react-email/components";
import { EmailButton, EmailLayout, paragraph, small } from "./components/email-layout";

export type OwnershipTransferredProps = {
  recipientName: string;
  accountName: string;
  previousOwnerName: string;
  newOwnerName: string;
  /** Whether the recipient is the new owner (or the previous one). */
  recipientIsNewOwner: boolean;
  accountUrl: string;
};

export const ownershipTransferredSubject = ({ accountName }: OwnershipTransferredProps) =>
  `Ownership of ${accountName} on Roster has moved`;

/** Sent to both sides of an ownership transfer. */
export default function OwnershipTransferredEmail(props: OwnershipTransferredProps) {
  const { recipientName, accountName, previousOwnerName, newOwnerName, recipientIsNewOwner, accountUrl } =
    props;
  return (
    <EmailLayout preview={`${newOwnerName} now owns ${accountName}`}>
      <Heading as="h1" style={{ fontSize: 22, margin: "24px 0 8px" }}>
        {`${accountName} has a new owner`}
      </Heading>
      <Text style={paragraph}>
        {recipientIsNewOwner
          ? `Hi ${recipientName}, ${previousOwnerName} transferred ownership of ${accountName} to you. You are now responsible for its subscription, and hold every permission in it.`
          : `Hi ${recipientName}, you transferred ownership of ${accountName} to ${newOwnerName}. You are now an administrator of the account.`}
      </Text>
      <EmailButton href={accountUrl}>{`Open ${accountName}`}</EmailButton>
      <Text style={small}>
        {"If you did not expect this, contact the account's administrators. Link: "}
        <Link href={accountUrl}>{accountUrl}</Link>
      </Text>
    </EmailLayout>
  );
}

OwnershipTransferredEmail.PreviewProps = {
  recipientName: "Grace Hopper",
  accountName: "Acme Inc",
  previousOwnerName: "Ada Lovelace",
  newOwnerName: "Grace Hopper",
  recipientIsNewOwner: true,
  accountUrl: "http://localhost:3000/a/acme",
} satisfies OwnershipTransferredProps;
