import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecrets } from "@/lib/auth/secret";

// Secrets the server must read back (email bodies with single-use links, TOTP secrets) are
// stored encrypted with AES-256-GCM under a key derived from AUTH_SECRET, one key per use:
// the database alone gives none of them away. New values are sealed under the newest secret;
// any configured secret opens them, so rotating AUTH_SECRET loses nothing sealed before.

/** A sealed value that no configured AUTH_SECRET opens: sealed under a retired one, or corrupted. */
export class UnsealError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "UnsealError";
  }
}

function key(secret: string, use: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "roster", use, 32));
}

export function seal(use: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(authSecrets()[0], use), iv);
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString("base64url")).join(".");
}

export function unseal(use: string, sealed: string): string {
  const [iv, tag, data, ...extra] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  if (!iv || iv.length !== 12 || !tag || tag.length !== 16 || !data || extra.length > 0) {
    throw new UnsealError("the sealed value is malformed");
  }
  for (const secret of authSecrets()) {
    const decipher = createDecipheriv("aes-256-gcm", key(secret, use), iv);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
    } catch {
      // Not sealed under this secret (or altered): try the next one.
    }
  }
  throw new UnsealError("no configured AUTH_SECRET opens it (sealed under a retired secret, or corrupted)");
}
