import { config } from "@/lib/config";

/**
 * Where a request came from, for the audit log, rate limits and the sessions list; and, when
 * an administrator acts as someone ("log in as"), who really acted (the audit log names both).
 */
export type RequestMeta = {
  ip: string | null;
  userAgent: string | null;
  impersonator?: { id: string; email: string } | null;
};

export const NO_REQUEST_META: RequestMeta = { ip: null, userAgent: null };

/**
 * The header that carries the connecting socket's address. The server sets it on every
 * request, overwriting anything a client sent (lib/http/peer-address.ts), because Next
 * passes a client's own X-Forwarded-For through untouched.
 */
export const PEER_ADDRESS_HEADER = "x-roster-peer-address";

/**
 * The client's address: the socket's, or with TRUSTED_PROXY_HOPS=n (n proxies in front, each
 * appending the address it was connected from), the n-th X-Forwarded-For entry from the
 * right. Entries further left were written by the client and prove nothing.
 */
export function clientIp(headers: Headers): string | null {
  const hops = config.trustedProxyHops();
  const peer = headers.get(PEER_ADDRESS_HEADER) || null;
  if (hops === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - hops] ?? peer;
}

export function requestMetaFrom(headers: Headers): RequestMeta {
  return {
    ip: clientIp(headers)?.slice(0, 64) ?? null,
    userAgent: headers.get("user-agent")?.slice(0, 512) || null,
  };
}
