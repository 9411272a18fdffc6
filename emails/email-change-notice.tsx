import { Heading, Link, Text } from "@react-email/components";
import { EmailLayout, paragraph, small } from "./components/email-layout";

export type EmailChangeNoticeProps = { name: string; newEmail: string; resetUrl: string };

export const emailChangeNoticeSubject = () => "A change of your Roster email address was requested";

/** Sent to the old address when a change is requested, so a stolen session cannot move the user quietly. */
export default function EmailChangeNotice({ name, newEmail, resetUrl }: EmailChangeNoticeProps) {
  return (
    <EmailLayout preview="Your email address may change">
      <Heading as="h1" style={{ fontSize: 22, margin: "24px 0 8px" }}>
        Your email address may change
      </Heading>
      <Text style={paragraph}>
        {`Hi ${name}, someone signed in as you asked to change your Roster email address to ${newEmail}. ` +
          "It changes only if the link sent there is followed."}
      </Text>
      <Text style={small}>
        {"If it was not you, reset your password now: "}
        <Link href={resetUrl}>{resetUrl}</Link>
      </Text>
    </EmailLayout>
  );
}

EmailChangeNotice.PreviewProps = {
  name: "Ada Lovelace",
  newEmail: "ada@new.example",
  resetUrl: "http://localhost:3000/forgot-password",
} satisfies EmailChangeNoticeProps;
