const BASE = "http://roster.invalid";
const leavesSite = (path: string) => !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\");

/**
 * A path inside this app to return to after signing in, or `fallback`. Anything that could
 * leave the site is refused, before and after normalising: `//evil.example`, `https://…`,
 * `/\evil`, and `/.//evil.example` (which normalises to `//evil.example`).
 */
export function safeRedirectPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || leavesSite(value)) return fallback;
  try {
    const url = new URL(value, BASE);
    const path = `${url.pathname}${url.search}${url.hash}`;
    return url.origin === BASE && !leavesSite(path) ? path : fallback;
  } catch {
    return fallback;
  }
}
