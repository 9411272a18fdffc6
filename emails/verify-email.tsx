import { Heading, Link, Text } from "@react-email/components";
import { EmailButton, EmailLayout, paragraph, small } from "./components/email-layout";

export type VerifyEmailProps = { name: string; verifyUrl: string };

export const verifyEmailSubject = () => "Confirm your email address for Roster";

/** Sent at sign-up: proves the address belongs to the person who signed up. */
export default function VerifyEmail({ name, verifyUrl }: VerifyEmailProps) {
  return (
    <EmailLayout preview="Confirm your email address">
      <Heading as="h1" style={{ fontSize: 22, margin: "24px 0 8px" }}>
        Confirm your email address
      </Heading>
      <Text
        style={paragraph}
      >{`Hi ${name}, please confirm that this is your email address. This link works once and expires in 3 days. If you did not sign up, do not confirm: open the link and choose to take the address back instead.`}</Text>
      <EmailButton href={verifyUrl}>Confirm my email</EmailButton>
      <Text style={small}>
        {"If the button does not work, open this link: "}
        <Link href={verifyUrl}>{verifyUrl}</Link>
      </Text>
    </EmailLayout>
  );
}

VerifyEmail.PreviewProps = {
  name: "Ada Lovelace",
  verifyUrl: "http://localhost:3000/verify-email/preview-token",
} satisfies VerifyEmailProps;
