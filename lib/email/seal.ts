import "server-only";
import { z } from "zod";
import { seal, unseal, UnsealError } from "@/lib/crypto/seal";

// Outbox bodies can carry single-use links, so they are stored sealed.
const USE = "email-outbox-body";

const emailBody = z.object({ html: z.string(), text: z.string() });
export type EmailBody = z.infer<typeof emailBody>;

export function sealBody(body: EmailBody): string {
  return seal(USE, JSON.stringify(body));
}

/** The body sealed by `sealBody`; an UnsealError if it cannot be opened or is not an email's body. */
export function unsealBody(sealed: string): EmailBody {
  const opened = unseal(USE, sealed);
  let parsed: unknown;
  try {
    parsed = JSON.parse(opened);
  } catch {
    parsed = null;
  }
  const body = emailBody.safeParse(parsed);
  if (!body.success) throw new UnsealError("it opens, but holds no email body (HTML and text)");
  return body.data;
}
