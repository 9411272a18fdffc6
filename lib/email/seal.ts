import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

// Outbox bodies can carry single-use links, so they are stored encrypted (AES-256-GCM) under
// a key derived from AUTH_SECRET: the database alone does not give the links away.

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "roster", "email-outbox-body", 32));
}

export type EmailBody = { html: string; text: string };

export function sealBody(body: EmailBody): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(body), "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString("base64url")).join(".");
}

export function unsealBody(sealed: string): EmailBody {
  const [iv, tag, data] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  if (!iv || !tag || !data) throw new Error("malformed sealed email body");
  const decipher = createDecipheriv("aes-256-gcm", key(), iv);
  decipher.setAuthTag(tag);
  return JSON.parse(Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8")) as EmailBody;
}
