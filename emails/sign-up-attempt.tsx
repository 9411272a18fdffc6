import { Heading, Link, Text } from "@react-email/components";
import { EmailButton, EmailLayout, paragraph, small } from "./components/email-layout";

export type SignUpAttemptProps = { name: string; signInUrl: string; resetUrl: string };

export const signUpAttemptSubject = () => "Someone tried to sign up to Roster with your email";

/**
 * Sent instead of a second sign-up for an address that already has a user: the sign-up form
 * answers the same either way, so it cannot be used to find out who has a user.
 */
export default function SignUpAttempt({ name, signInUrl, resetUrl }: SignUpAttemptProps) {
  return (
    <EmailLayout preview="You already have a Roster user">
      <Heading as="h1" style={{ fontSize: 22, margin: "24px 0 8px" }}>
        You already have a Roster user
      </Heading>
      <Text style={paragraph}>
        {`Hi ${name}, someone just tried to sign up to Roster with this email address. ` +
          "There is already a user with it, so nothing was created and nothing changed."}
      </Text>
      <Text style={paragraph}>If it was you, sign in instead, or reset your password if you forgot it.</Text>
      <EmailButton href={signInUrl}>Sign in</EmailButton>
      <Text style={small}>
        {"Forgot your password? "}
        <Link href={resetUrl}>{resetUrl}</Link>
      </Text>
      <Text style={small}>If it was not you, you can ignore this email.</Text>
    </EmailLayout>
  );
}

SignUpAttempt.PreviewProps = {
  name: "Ada Lovelace",
  signInUrl: "http://localhost:3000/sign-in",
  resetUrl: "http://localhost:3000/forgot-password",
} satisfies SignUpAttemptProps;
