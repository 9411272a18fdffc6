import { randomBytes } from "node:crypto";

const suffix = () => randomBytes(4).toString("hex");

export const PASSWORD = "e2e password 123";

/** A person nobody else in this run is: tests seed their own data and run in parallel. */
export function newPerson(name = "Ada") {
  const id = suffix();
  return { name: `${name} ${id}`, email: `${name.toLowerCase()}-${id}@example.test`, password: PASSWORD };
}

export const newShortName = (prefix = "team") => `${prefix}-${suffix()}`;

/**
 * The embedded server's ROSTER_DEV_MAILBOX_TOKEN (playwright.config.ts). The tests reach its
 * local mailbox as clients on other machines (their X-Forwarded-For, ./test.ts), so they
 * present it (./mail.ts).
 */
export const E2E_MAILBOX_TOKEN = "e2e-mailbox-token-not-for-production";
