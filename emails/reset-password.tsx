import { Heading, Link, Text } from "@react-email/components";
import { EmailButton, EmailLayout, paragraph, small } from "./components/email-layout";

export type ResetPasswordProps = {
  name: string;
  resetUrl: string;
  /** Sent by an administrator from the member's page (rather than asked for by the user). */
  sentBy?: { name: string; accountName: string; forced: boolean };
};

export const resetPasswordSubject = () => "Reset your Roster password";

/** Sent from "Forgot your password?" (or by an administrator): a single-use link to choose a new one. */
export default function ResetPassword({ name, resetUrl, sentBy }: ResetPasswordProps) {
  const intro = !sentBy
    ? `Hi ${name}, someone (we hope you) asked to reset the password of your Roster user. `
    : sentBy.forced
      ? `Hi ${name}, ${sentBy.name}, an administrator of ${sentBy.accountName}, asked you to choose a new password. ` +
        "Your old password no longer works, and you were signed out everywhere. "
      : `Hi ${name}, ${sentBy.name}, an administrator of ${sentBy.accountName}, sent you this link to choose a new password. `;
  return (
    <EmailLayout preview="Reset your password">
      <Heading as="h1" style={{ fontSize: 22, margin: "24px 0 8px" }}>
        Reset your password
      </Heading>
      <Text style={paragraph}>
        {intro +
          "This link works once and expires in 1 hour. Choosing a new password signs you out everywhere else."}
      </Text>
      <EmailButton href={resetUrl}>Choose a new password</EmailButton>
      <Text style={small}>
        {"If the button does not work, open this link: "}
        <Link href={resetUrl}>{resetUrl}</Link>
      </Text>
      <Text style={small}>
        {!sentBy
          ? "If you did not ask for this, ignore this email: your password stays as it is."
          : sentBy.forced
            ? `If you did not expect this, ask ${sentBy.name} why.`
            : `If you did not expect this, ignore this email (your password stays as it is), or ask ${sentBy.name} why.`}
      </Text>
    </EmailLayout>
  );
}

ResetPassword.PreviewProps = {
  name: "Ada Lovelace",
  resetUrl: "http://localhost:3000/reset-password/preview-token",
} satisfies ResetPasswordProps;
