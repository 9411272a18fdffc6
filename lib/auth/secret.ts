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
 * The secret that signs and encrypts session cookies. In the embedded mode without
 * AUTH_SECRET, one is generated once and kept in the data folder, so sessions survive restarts.
 */
export function authSecret(): string {
  const fromEnv = process.env.AUTH_SECRET;
  if (fromEnv) return fromEnv;
  if (config.databaseUrl()) throw new MissingAuthSecretError();

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
