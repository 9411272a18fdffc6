/** Where a request came from, for the audit log and the sessions list. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

export const NO_REQUEST_META: RequestMeta = { ip: null, userAgent: null };

/** Reads the client address (first hop of X-Forwarded-For, set by the proxy in front) and user agent. */
export function requestMetaFrom(headers: Headers): RequestMeta {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    ip: forwarded || headers.get("x-real-ip") || null,
    userAgent: headers.get("user-agent")?.slice(0, 512) || null,
  };
}
