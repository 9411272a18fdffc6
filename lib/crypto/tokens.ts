import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A new secret token: 32 random bytes, URL-safe. Only its hash is ever stored. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The SHA-256 hash under which a token is stored and looked up. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
