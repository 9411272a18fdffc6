import { Heading, Link, Text } from "@react-email/components";
import { EmailButton, EmailLayout, paragraph, small } from "./components/email-layout";

export type ResetPasswordProps = { name: string; resetUrl: string };

export const resetPasswordSubject = () => "Reset your Roster password";

/** Sent from "Forgot your password?": a single-use link to choose a new one. */
export default function ResetPassword({ name, resetUrl }: ResetPasswordProps) {
  return (
    <EmailLayout preview="Reset your password">
      <Heading as="h1" style={{ fontSize: 22, margin: "24px 0 8px" }}>
        Reset your password
      </Heading>
      <Text style={paragraph}>
        {`Hi ${name}, someone (we hope you) asked to reset the password of your Roster user. ` +
          "This link works once and expires in 1 hour. Choosing a new password signs you out everywhere else."}
      </Text>
      <EmailButton href={resetUrl}>Choose a new password</EmailButton>
      <Text style={small}>
        {"If the button does not work, open this link: "}
        <Link href={resetUrl}>{resetUrl}</Link>
      </Text>
      <Text style={small}>If you did not ask for this, ignore this email: your password stays as it is.</Text>
    </EmailLayout>
  );
}

ResetPassword.PreviewProps = {
  name: "Ada Lovelace",
  resetUrl: "http://localhost:3000/reset-password/preview-token",
} satisfies ResetPasswordProps;
