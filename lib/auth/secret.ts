import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { config } from "@/lib/config";

export class MissingAuthSecretError extends Error {
  constructor() {
    super(
      "AUTH_SECRET is not set. With DATABASE_URL set, Roster needs a fixed secret shared by every " +
        "app instance: generate one with `openssl rand -base64 32` and set AUTH_SECRET.",
    );
    this.name = "MissingAuthSecretError";
  }
}

/**
 * The secrets that sign and encrypt session cookies and seal stored secrets, newest first.
 * AUTH_SECRET is a comma-separated list so it can be rotated: the newest makes every new
 * cookie and sealed value, the older ones only open what was made under them until it
 * expires (see "Rotating AUTH_SECRET" in the README). In the embedded mode without
 * AUTH_SECRET, one is generated once and kept in the data folder, so sessions survive restarts.
 */
export function authSecrets(): [string, ...string[]] {
  const [newest, ...older] = (process.env.AUTH_SECRET ?? "")
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean);
  if (newest) return [newest, ...older];
  if (config.databaseUrl()) throw new MissingAuthSecretError();
  return [embeddedSecret()];
}

/** The newest secret: the one new session cookies and sealed values are made under. */
export function authSecret(): string {
  return authSecrets()[0];
}

function embeddedSecret(): string {
  const file = path.join(config.dataDir(), "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(config.dataDir(), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch (error) {
      // Another start raced us to it: theirs is as good as ours.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return fs.readFileSync(file, "utf8").trim();
  }
}
