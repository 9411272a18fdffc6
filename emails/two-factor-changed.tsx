import { Heading, Link, Text } from "@react-email/components";
import { EmailLayout, paragraph, small } from "./components/email-layout";

export type TwoFactorChange = "enabled" | "disabled" | "recovery_codes_renewed";
export type TwoFactorChangedProps = { name: string; change: TwoFactorChange; resetUrl: string };

const HEADLINES: Record<TwoFactorChange, string> = {
  enabled: "Two-factor authentication is on",
  disabled: "Two-factor authentication is off",
  recovery_codes_renewed: "You have new recovery codes",
};

const EXPLANATIONS: Record<TwoFactorChange, string> = {
  enabled: "From now on, signing in asks for a code from your authenticator app after your password.",
  disabled: "Signing in now asks only for your password.",
  recovery_codes_renewed: "Your earlier recovery codes no longer work.",
};

export const twoFactorChangedSubject = (change: TwoFactorChange) =>
  `${HEADLINES[change]} for your Roster user`;

/** Sent whenever two-factor changes, so that a change made with a stolen session is noticed. */
export default function TwoFactorChanged({ name, change, resetUrl }: TwoFactorChangedProps) {
  return (
    <EmailLayout preview={HEADLINES[change]}>
      <Heading as="h1" style={{ fontSize: 22, margin: "24px 0 8px" }}>
        {HEADLINES[change]}
      </Heading>
      <Text style={paragraph}>{`Hi ${name}. ${EXPLANATIONS[change]}`}</Text>
      <Text style={small}>
        {"If it was not you, reset your password now: "}
        <Link href={resetUrl}>{resetUrl}</Link>
      </Text>
    </EmailLayout>
  );
}

TwoFactorChanged.PreviewProps = {
  name: "Ada Lovelace",
  change: "enabled",
  resetUrl: "http://localhost:3000/forgot-password",
} satisfies TwoFactorChangedProps;
