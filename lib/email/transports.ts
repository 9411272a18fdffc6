import "server-only";
import { Resend } from "resend";
import { config } from "@/lib/config";

export type OutgoingEmail = {
  from: string;
  to: string;
  bcc: string | null;
  subject: string;
  html: string;
  text: string;
};

export type SendResult =
  { ok: true; providerMessageId: string | null } | { ok: false; retryable: boolean; error: string };

/** Where the worker hands emails: Resend, or the local mailbox (/dev/mailbox) in development. */
export type Transport = {
  name: "resend" | "mailbox";
  send(email: OutgoingEmail, idempotencyKey: string): Promise<SendResult>;
};

/** A send that takes longer than this is abandoned and retried (same idempotency key). */
const SEND_TIMEOUT_MS = 15_000;

export function resendTransport(apiKey: string, { timeoutMs = SEND_TIMEOUT_MS } = {}): Transport {
  // The SDK reads RESEND_BASE_URL, which tests point at a local fake server.
  const resend = new Resend(apiKey);
  return {
    name: "resend",
    async send(email, idempotencyKey) {
      const { data, error } = await resend.emails.send(
        {
          from: email.from,
          to: email.to,
          bcc: email.bcc ?? undefined,
          subject: email.subject,
          html: email.html,
          text: email.text,
        },
        { idempotencyKey, signal: AbortSignal.timeout(timeoutMs) },
      );
      if (data) return { ok: true, providerMessageId: data.id };
      const status = error?.statusCode ?? null;
      // No answer, rate limited, a provider fault or a concurrent request with our key: try again.
      const retryable =
        status === null ||
        status === 429 ||
        status >= 500 ||
        error?.name === "concurrent_idempotent_requests";
      return {
        ok: false,
        retryable,
        error: `${status ?? "no response"}: ${error?.message ?? "unknown error"}`.slice(0, 500),
      };
    },
  };
}

/** Development without a provider: "delivering" keeps the email for the local mailbox page. */
export const mailboxTransport: Transport = {
  name: "mailbox",
  send: async () => ({ ok: true, providerMessageId: null }),
};

export function configuredTransport(): Transport {
  const apiKey = config.resendApiKey();
  return apiKey ? resendTransport(apiKey) : mailboxTransport;
}
