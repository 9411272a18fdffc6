import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

// Secrets the server must read back (email bodies with single-use links, TOTP secrets) are
// stored encrypted with AES-256-GCM under a key derived from AUTH_SECRET, one key per use:
// the database alone gives none of them away.

function key(use: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "roster", use, 32));
}

export function seal(use: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(use), iv);
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString("base64url")).join(".");
}

export function unseal(use: string, sealed: string): string {
  const [iv, tag, data] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  if (!iv || !tag || !data) throw new Error("malformed sealed value");
  const decipher = createDecipheriv("aes-256-gcm", key(use), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
}
