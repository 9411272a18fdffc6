import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  ALLOWED_STYLE_HASHES,
  contentSecurityPolicy,
  newNonce,
  REFERRER_POLICY,
  showsEmailHtml,
  staticSecurityHeaders,
  TOKEN_PAGE_REFERRER_POLICY,
} from "./security-headers";

/** A policy as a map of directive → its sources. */
const directives = (policy: string) =>
  new Map(
    policy.split(";").map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name!, sources] as const;
    }),
  );

describe("the Content-Security-Policy", () => {
  it("runs scripts only with this response's nonce, in production without eval", () => {
    const policy = directives(contentSecurityPolicy("abc123"));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("style-src")).toEqual(["'self'", "'nonce-abc123'", ...ALLOWED_STYLE_HASHES]);
    for (const sources of policy.values()) {
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("*");
    }
  });

  it("lets next dev eval and inject styles, and an email's own HTML keep its inline styles", () => {
    const development = directives(contentSecurityPolicy("n", { development: true }));
    expect(development.get("script-src")).toContain("'unsafe-eval'");
    expect(development.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    const mailbox = directives(contentSecurityPolicy("n", { inlineStyles: true }));
    expect(mailbox.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(mailbox.get("script-src")).not.toContain("'unsafe-eval'");
    expect(showsEmailHtml("/dev/mailbox/0b5d6c1e-1f0e-4c1a-9d5e-3c2b1a0f9e8d")).toBe(true);
    expect(showsEmailHtml("/dev/mailbox")).toBe(true);
    expect(showsEmailHtml("/dev/mailboxes")).toBe(false);
    expect(showsEmailHtml("/a/acme/members")).toBe(false);
  });

  it("allows the toast library's inline stylesheet, as installed, by its hash", () => {
    // sonner adds its styles with `__insertCSS("…")` in the browser: the same text, hashed.
    const source = readFileSync(createRequire(import.meta.url).resolve("sonner"), "utf8");
    const literal = /__insertCSS\(("(?:[^"\\]|\\.)*")\)/.exec(source)?.[1];
    expect(literal, "sonner no longer calls __insertCSS: look at how it adds its styles").toBeDefined();
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    expect(ALLOWED_STYLE_HASHES).toEqual([hash(""), hash(JSON.parse(literal!) as string)]);
  });

  it("gets a new 128-bit nonce every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("the headers that need no nonce", () => {
  const forPath = (rules: ReturnType<typeof staticSecurityHeaders>, path: string) => {
    // Next's rule sources here are `<prefix>:path*`; the later of two rules setting one header wins.
    const result = new Map<string, string>();
    for (const rule of rules) {
      const prefix = rule.source.replace(/:path\*$/, "");
      if (path.startsWith(prefix)) for (const { key, value } of rule.headers) result.set(key, value);
    }
    return result;
  };

  it("go on every path: nosniff, no framing, a referrer policy; HSTS only in production", () => {
    for (const production of [true, false]) {
      const rules = staticSecurityHeaders({ production });
      for (const path of ["/", "/_next/static/chunks/app.js", "/a/acme/members", "/no-such-page"]) {
        const headers = forPath(rules, path);
        expect(headers.get("X-Content-Type-Options"), path).toBe("nosniff");
        expect(headers.get("X-Frame-Options"), path).toBe("DENY");
        expect(headers.get("Referrer-Policy"), path).toBe(REFERRER_POLICY);
        expect(headers.get("Strict-Transport-Security"), path).toBe(
          production ? "max-age=31536000; includeSubDomains" : undefined,
        );
      }
    }
  });

  it("keep a token page's URL from other sites", () => {
    const rules = staticSecurityHeaders({ production: true });
    for (const path of [
      "/invite/tok",
      "/join/code",
      "/reset-password/tok",
      "/set-password/tok",
      "/verify-email/tok",
      "/confirm-email/tok",
      "/dev/mailbox/0b5d6c1e",
    ]) {
      expect(forPath(rules, path).get("Referrer-Policy"), path).toBe(TOKEN_PAGE_REFERRER_POLICY);
    }
    expect(TOKEN_PAGE_REFERRER_POLICY).toBe("same-origin");
  });
});
