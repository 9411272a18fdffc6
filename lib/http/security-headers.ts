// The security headers of every response, in one place. Two halves, because Next has two
// places to set headers:
// - the Content-Security-Policy needs a fresh nonce per request: proxy.ts builds it here,
//   puts it on the request (Next reads the nonce from there and stamps its own scripts) and
//   on the response;
// - everything else is the same for every response, including the ones the proxy does not
//   run on (static files): next.config.ts serves it through `headers()`.
// No import here may reach the database or a secret: next.config.ts and the proxy load it.

/** Pages whose URL carries a secret (a token, a join code, an email id). */
export const TOKEN_PAGE_PREFIXES = [
  "/invite/",
  "/join/",
  "/reset-password/",
  "/set-password/",
  "/verify-email/",
  "/confirm-email/",
  "/dev/mailbox/",
] as const;

export const REFERRER_POLICY = "strict-origin-when-cross-origin";

/**
 * Token pages never send their URL to another site. Not `no-referrer`: with it a browser
 * sends `Origin: null` on a POST, and Next refuses the page's server action as cross-site
 * (the pages' own `<meta name="referrer">` says the same).
 */
export const TOKEN_PAGE_REFERRER_POLICY = "same-origin";

/** A year, as HSTS preload lists expect; sent only by production servers (served over HTTPS). */
const HSTS = "max-age=31536000; includeSubDomains";

/** A fresh, unguessable nonce for one response (128 random bits, base64). */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The inline styles a page may add without a nonce, by the SHA-256 of their text. The toast
 * library (sonner, components/ui/toast.tsx) adds its stylesheet in the browser as a `<style>`
 * element it creates empty and then fills, and has no way to pass a nonce: the empty text and
 * that stylesheet's exact text are allowed, nothing else. A sonner upgrade that changes its
 * styles fails lib/http/security-headers.test.ts, which hashes the installed library's text.
 */
export const ALLOWED_STYLE_HASHES = [
  "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='", // the empty <style> before it is filled
  "'sha256-StEaX+se6YS7pqjzrzMIA0KaX9zF/8zAhvQXZAe5epY='", // sonner 2.0.8's stylesheet
] as const;

/**
 * The Content-Security-Policy of a page. Scripts run only with this response's nonce
 * (`'strict-dynamic'` lets Next's scripts load the chunks they need). Styles come from the
 * app's own stylesheets (and the toast library's, by hash); inline styles only where the page shows an email's HTML (the local
 * mailbox's preview, whose framed `srcdoc` document inherits this policy) and in `next dev`,
 * which injects its styles and needs `eval` for its error overlay.
 */
export function contentSecurityPolicy(
  nonce: string,
  { development = false, inlineStyles = false }: { development?: boolean; inlineStyles?: boolean } = {},
): string {
  const styles =
    development || inlineStyles ? "'unsafe-inline'" : [`'nonce-${nonce}'`, ...ALLOWED_STYLE_HASHES].join(" ");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${styles}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The local mailbox shows an email's own HTML, inline styles and all. The whole mailbox, not
 * just an email's page: its list opens an email by client-side navigation, which keeps the
 * policy the list's document came with.
 */
export const showsEmailHtml = (pathname: string) => /^\/dev\/mailbox(\/|$)/.test(pathname);

type HeaderRule = { source: string; headers: { key: string; value: string }[] };

/**
 * The headers that need no nonce, for next.config.ts `headers()`: on every response (pages,
 * actions, route handlers, errors, 404s, static files). When two rules set one header, Next
 * keeps the later: the token pages' referrer policy comes after the general one.
 */
export function staticSecurityHeaders({ production }: { production: boolean }): HeaderRule[] {
  return [
    {
      source: "/:path*",
      headers: [
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "X-Frame-Options", value: "DENY" },
        { key: "Referrer-Policy", value: REFERRER_POLICY },
        ...(production ? [{ key: "Strict-Transport-Security", value: HSTS }] : []),
      ],
    },
    ...TOKEN_PAGE_PREFIXES.map((prefix) => ({
      source: `${prefix}:path*`,
      headers: [{ key: "Referrer-Policy", value: TOKEN_PAGE_REFERRER_POLICY }],
    })),
  ];
}
