/**
 * A path inside this app to return to after signing in, or `fallback`. Anything that could
 * leave the site (`//evil.example`, `https://…`, `/\evil`) is refused.
 */
export function safeRedirectPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  try {
    const url = new URL(value, "http://roster.invalid");
    return url.origin === "http://roster.invalid" ? `${url.pathname}${url.search}${url.hash}` : fallback;
  } catch {
    return fallback;
  }
}
