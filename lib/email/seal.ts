import { seal, unseal } from "@/lib/crypto/seal";

// Outbox bodies can carry single-use links, so they are stored sealed.
const USE = "email-outbox-body";

export type EmailBody = { html: string; text: string };

export function sealBody(body: EmailBody): string {
  return seal(USE, JSON.stringify(body));
}

export function unsealBody(sealed: string): EmailBody {
  return JSON.parse(unseal(USE, sealed)) as EmailBody;
}
