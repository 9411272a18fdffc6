import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { config } from "@/lib/config";
import { PEER_ADDRESS_HEADER } from "@/lib/http/request-meta";
import { MAILBOX_TOKEN_COOKIE } from "./mailbox-token";

// The local mailbox shows every email the app sent, single-use links included. It answers
// only to a browser on this machine (the loopback address), unless ROSTER_DEV_MAILBOX_TOKEN
// is set and the request presents it (lib/email/mailbox-token.ts). To everyone else it does
// not exist: 404.

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

function isLoopback(address: string): boolean {
  const bare = address.trim().toLowerCase();
  return bare === "::1" || IPV4_LOOPBACK.test(bare.replace(/^::ffff:/, ""));
}

/**
 * Whether every hop of the request is this machine: the socket it came in on (stamped by the
 * server, lib/http/peer-address.ts, whatever the client sent) and every address a proxy in
 * between claims to have forwarded for. A proxy on this machine makes the socket loopback
 * for every visitor; the address it forwards for says who is really asking. (Next itself
 * adds X-Forwarded-For, with the socket's address, when a request comes without one.)
 */
export function isLocalRequest(requestHeaders: Headers): boolean {
  const peer = requestHeaders.get(PEER_ADDRESS_HEADER);
  if (!peer || !isLoopback(peer)) return false;
  if (requestHeaders.has("forwarded")) return false;
  const forwardedFor = [requestHeaders.get("x-forwarded-for"), requestHeaders.get("x-real-ip")]
    .filter((value): value is string => value !== null)
    .flatMap((value) => value.split(","));
  return forwardedFor.every(isLoopback);
}

const digest = (value: string) => createHash("sha256").update(value).digest();

function presentsToken(presented: string | undefined): boolean {
  const token = config.mailboxToken();
  return Boolean(token && presented && timingSafeEqual(digest(token), digest(presented)));
}

/** The decision: the mailbox is on, and the request is local or presents the token. */
export function mayOpenMailbox(request: { headers: Headers; presentedToken: string | undefined }): boolean {
  if (!config.mailboxEnabled()) return false;
  return presentsToken(request.presentedToken) || isLocalRequest(request.headers);
}

/** For the mailbox's pages: answers 404 to whoever may not open it. */
export async function requireMailboxAccess(): Promise<void> {
  const [requestHeaders, requestCookies] = await Promise.all([headers(), cookies()]);
  const presentedToken = requestCookies.get(MAILBOX_TOKEN_COOKIE)?.value;
  if (!mayOpenMailbox({ headers: requestHeaders, presentedToken })) notFound();
}
