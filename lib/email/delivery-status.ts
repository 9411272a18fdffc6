import type { EmailStatus } from "@/db/schema";

export type DeliveryStatus = "queued" | "sent" | "retrying" | "failed";

/** How an outbox email's state reads to a person: a failed attempt that will be retried is "retrying". */
export function deliveryStatus(
  email: { status: EmailStatus; attempts: number } | null,
): DeliveryStatus | null {
  if (!email) return null;
  if (email.status === "sent" || email.status === "failed") return email.status;
  return email.attempts > 0 && email.status === "queued" ? "retrying" : "queued";
}
