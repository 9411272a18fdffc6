import { Heading, Link, Text } from "@react-email/components";
import { EmailButton, EmailLayout, paragraph, small } from "./components/email-layout";

export type EmailChangeProps = { name: string; newEmail: string; confirmUrl: string };

export const emailChangeSubject = () => "Confirm your new email address for Roster";

/** Sent to the new address: following the link makes it the one the user signs in with. */
export default function EmailChange({ name, newEmail, confirmUrl }: EmailChangeProps) {
  return (
    <EmailLayout preview="Confirm your new email address">
      <Heading as="h1" style={{ fontSize: 22, margin: "24px 0 8px" }}>
        Confirm your new email address
      </Heading>
      <Text style={paragraph}>
        {`Hi ${name}, you asked to sign in to Roster as ${newEmail} from now on. ` +
          "Nothing changes until you confirm. This link works once and expires in 24 hours."}
      </Text>
      <EmailButton href={confirmUrl}>Confirm my new address</EmailButton>
      <Text style={small}>
        {"If the button does not work, open this link: "}
        <Link href={confirmUrl}>{confirmUrl}</Link>
      </Text>
    </EmailLayout>
  );
}

EmailChange.PreviewProps = {
  name: "Ada Lovelace",
  newEmail: "ada@new.example",
  confirmUrl: "http://localhost:3000/confirm-email/preview-token",
} satisfies EmailChangeProps;
