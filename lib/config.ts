import "server-only";
import path from "node:path";

/**
 * Runtime configuration, read from the environment at call time (never at build time).
 * Every variable is documented in README.md.
 */
export const config = {
  /** PostgreSQL connection string; unset means the embedded PGlite database. */
  databaseUrl: () => process.env.DATABASE_URL || undefined,
  /**
   * Folder for the embedded database, its lock and its generated secret; `memory://` keeps an
   * embedded database in memory only (gone when the process ends).
   */
  dataDir: () => {
    const dir = process.env.ROSTER_DATA_DIR || ".data";
    return dir === "memory://" ? dir : path.resolve(/*turbopackIgnore: true*/ dir);
  },
  /** The public URL of the app; every link in an email is built from it, never from a request. */
  appUrl: () => (process.env.APP_URL || "http://localhost:3000").replace(/\/+$/, ""),
  /** Resend API key; unset means mail goes to the local mailbox at /dev/mailbox. */
  resendApiKey: () => process.env.RESEND_API_KEY || undefined,
  emailFrom: () => process.env.EMAIL_FROM || "Roster <no-reply@roster.localhost>",
  /**
   * The local mailbox (/dev/mailbox) shows every email, links included: only without an email
   * provider, and in a production build only when asked for with ROSTER_DEV_MAILBOX=1. It
   * answers only to this machine, or to whoever presents `mailboxToken`
   * (lib/email/mailbox-access.ts).
   */
  mailboxEnabled: () =>
    !config.resendApiKey() &&
    (process.env.NODE_ENV !== "production" || process.env.ROSTER_DEV_MAILBOX === "1"),
  /** Opens the local mailbox to other machines too, for whoever presents it. */
  mailboxToken: () => process.env.ROSTER_DEV_MAILBOX_TOKEN || undefined,
  /** Set ROSTER_EMAIL_WORKER=off where separate `npm run worker` processes deliver the outbox. */
  emailWorkerInApp: () => process.env.ROSTER_EMAIL_WORKER !== "off",
  /** How many proxies in front of the app append to X-Forwarded-For (0: clients connect directly). */
  trustedProxyHops: () => {
    const hops = Number.parseInt(process.env.TRUSTED_PROXY_HOPS ?? "0", 10);
    return Number.isFinite(hops) && hops > 0 ? hops : 0;
  },
  /** A file to append every SQL statement to (measuring what a page costs); unset: no log. */
  statementLog: () => process.env.ROSTER_STATEMENT_LOG || undefined,
  /** A session unused for this long ends (on top of its absolute lifetime). */
  sessionIdleSeconds: () => {
    const days = Number.parseFloat(process.env.SESSION_IDLE_DAYS ?? "7");
    return (Number.isFinite(days) && days > 0 ? days : 7) * 24 * 60 * 60;
  },
};

/** Absolute lifetime of a signed-in session. */
export const SESSION_LIFETIME_SECONDS = 30 * 24 * 60 * 60;
