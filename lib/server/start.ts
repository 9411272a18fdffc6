import "server-only";
import { getDatabase } from "@/db/client";
import { authSecret } from "@/lib/auth/secret";
import { config } from "@/lib/config";
import { startEmailWorker } from "@/lib/email/worker";
import { startMaintenance } from "./maintenance";

const MIN_MAILBOX_TOKEN_LENGTH = 16;

/**
 * Checks the configuration and opens the database before the server takes requests, so a
 * misconfigured server stops at once with a clear message instead of failing its first user.
 * In the embedded mode this also takes the data folder's lock and applies migrations. Then
 * the email worker starts delivering the outbox from this process, beside the housekeeping
 * (old rate-limit counters, stale unconfirmed users).
 */
export async function startServer() {
  try {
    authSecret();
    if (!config.resendApiKey() && !config.mailboxEnabled()) {
      throw new Error(
        "RESEND_API_KEY is not set, so emails could not be delivered. Set RESEND_API_KEY, or set " +
          "ROSTER_DEV_MAILBOX=1 to keep emails in the local mailbox at /dev/mailbox (readable from " +
          "this machine, or with ROSTER_DEV_MAILBOX_TOKEN from anywhere).",
      );
    }
    // The token opens every email (and its links) to whoever holds it: not one to guess.
    const mailboxToken = config.mailboxToken();
    if (mailboxToken !== undefined && mailboxToken.length < MIN_MAILBOX_TOKEN_LENGTH) {
      throw new Error(
        `ROSTER_DEV_MAILBOX_TOKEN is shorter than ${MIN_MAILBOX_TOKEN_LENGTH} characters. ` +
          "Generate one with `openssl rand -hex 16`.",
      );
    }
    const database = await getDatabase();
    console.log(
      `Roster: ${database.kind === "pglite" ? `embedded database in ${config.dataDir()}` : "PostgreSQL (DATABASE_URL)"}; ` +
        `email ${config.resendApiKey() ? "through Resend" : "to the local mailbox at /dev/mailbox"}`,
    );
  } catch (error) {
    console.error(`\nRoster cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  if (config.emailWorkerInApp()) {
    startEmailWorker();
    startMaintenance();
  }
}
