import { Heading, Link, Text } from "@react-email/components";
import { EmailButton, EmailLayout, paragraph, small } from "./components/email-layout";

export type WelcomeProps = {
  name: string;
  /** The administrator who added them, and where. */
  addedBy: { name: string; accountName: string };
  setPasswordUrl: string;
};

export const welcomeSubject = (accountName: string) => `Welcome to ${accountName} on Roster`;

/**
 * Sent when an administrator adds a person directly (rather than inviting them): a single-use
 * link, valid 3 hours, to choose the password of the user made for them.
 */
export default function Welcome({ name, addedBy, setPasswordUrl }: WelcomeProps) {
  return (
    <EmailLayout preview={`${addedBy.name} added you to ${addedBy.accountName}`}>
      <Heading as="h1" style={{ fontSize: 22, margin: "24px 0 8px" }}>
        {`Welcome to ${addedBy.accountName}`}
      </Heading>
      <Text style={paragraph}>
        {`Hi ${name}, ${addedBy.name} added you to ${addedBy.accountName} on Roster. ` +
          "Choose a password to sign in. This link works once and expires in 3 hours; " +
          `if it has expired, ask ${addedBy.name} to send you a new one.`}
      </Text>
      <EmailButton href={setPasswordUrl}>Choose your password</EmailButton>
      <Text style={small}>
        {"If the button does not work, open this link: "}
        <Link href={setPasswordUrl}>{setPasswordUrl}</Link>
      </Text>
      <Text style={small}>
        {`If you did not expect this, ignore this email, or ask ${addedBy.name} why.`}
      </Text>
    </EmailLayout>
  );
}

Welcome.PreviewProps = {
  name: "Ada Lovelace",
  addedBy: { name: "Grace Hopper", accountName: "Analytical Engines" },
  setPasswordUrl: "http://localhost:3000/set-password/preview-token",
} satisfies WelcomeProps;
