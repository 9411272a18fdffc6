import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { nextHeadersOf, testRequest, type Cookie } from "@/tests/request-jar";

// Every page, layout and route handler of the app, opened as a request would open it (the
// module's own export, called with its params), for suites that must reach every one of them.
// Suites using it replace next/headers with `nextHeadersOf(testRequest)` (tests/request-jar.ts).

const APP = path.resolve("app");

/** Values a suite fills the params of the app's pages with. */
export type PageValues = {
  account: string;
  /** A membership of the account whose page is opened. */
  member: string;
  project: string;
  repository: string;
  inviteToken: string;
  joinCode: string;
  verifyToken: string;
  resetToken: string;
  setPasswordToken: string;
  emailChangeToken: string;
  mailboxEmail: string;
};

type Opening = { params?: Record<string, string>; query?: Record<string, string>; url: string };

const inAccount = (v: PageValues, rest = "") => ({
  params: { account: v.account },
  url: `/a/${v.account}${rest}`,
});

/** How to open each file under app/ (its path there): params, query, and the URL it answers. */
export const PAGES: Record<string, (v: PageValues) => Opening> = {
  "layout.tsx": () => ({ url: "/" }),
  "page.tsx": () => ({ url: "/" }),
  "(app)/layout.tsx": () => ({ url: "/accounts" }),
  "(app)/accounts/page.tsx": () => ({ url: "/accounts" }),
  "(app)/accounts/new/page.tsx": () => ({ url: "/accounts/new" }),
  "(app)/profile/page.tsx": () => ({ url: "/profile" }),
  "(app)/profile/two-factor/page.tsx": () => ({ url: "/profile/two-factor" }),
  "(app)/a/[account]/layout.tsx": (v) => inAccount(v),
  "(app)/a/[account]/page.tsx": (v) => inAccount(v),
  "(app)/a/[account]/audit/page.tsx": (v) => inAccount(v, "/audit"),
  "(app)/a/[account]/audit/export/route.ts": (v) => inAccount(v, "/audit/export"),
  "(app)/a/[account]/members/page.tsx": (v) => inAccount(v, "/members"),
  "(app)/a/[account]/members/export/route.ts": (v) => inAccount(v, "/members/export"),
  "(app)/a/[account]/members/new/page.tsx": (v) => inAccount(v, "/members/new"),
  "(app)/a/[account]/members/[member]/page.tsx": (v) => ({
    params: { account: v.account, member: v.member },
    url: `/a/${v.account}/members/${v.member}`,
  }),
  "(app)/a/[account]/projects/page.tsx": (v) => inAccount(v, "/projects"),
  "(app)/a/[account]/projects/[key]/page.tsx": (v) => ({
    params: { account: v.account, key: v.project },
    url: `/a/${v.account}/projects/${v.project}`,
  }),
  "(app)/a/[account]/repositories/page.tsx": (v) => inAccount(v, "/repositories"),
  "(app)/a/[account]/repositories/[name]/page.tsx": (v) => ({
    params: { account: v.account, name: v.repository },
    url: `/a/${v.account}/repositories/${v.repository}`,
  }),
  "(app)/a/[account]/roles/page.tsx": (v) => inAccount(v, "/roles"),
  "(app)/a/[account]/settings/page.tsx": (v) => inAccount(v, "/settings"),
  "(auth)/layout.tsx": () => ({ url: "/sign-in" }),
  // Where the signed in are sent on to: a page that says where it came from.
  "(auth)/sign-in/page.tsx": () => ({ query: { callbackUrl: "/profile" }, url: "/sign-in" }),
  "(auth)/sign-in/two-factor/page.tsx": () => ({
    query: { callbackUrl: "/profile" },
    url: "/sign-in/two-factor",
  }),
  "(auth)/sign-up/page.tsx": () => ({ url: "/sign-up" }),
  "(auth)/forgot-password/page.tsx": () => ({ url: "/forgot-password" }),
  "(auth)/reset-password/[token]/page.tsx": (v) => ({
    params: { token: v.resetToken },
    url: `/reset-password/${v.resetToken}`,
  }),
  "(auth)/set-password/[token]/page.tsx": (v) => ({
    params: { token: v.setPasswordToken },
    url: `/set-password/${v.setPasswordToken}`,
  }),
  "verify-email/[token]/page.tsx": (v) => ({
    params: { token: v.verifyToken },
    url: `/verify-email/${v.verifyToken}`,
  }),
  "confirm-email/[token]/page.tsx": (v) => ({
    params: { token: v.emailChangeToken },
    url: `/confirm-email/${v.emailChangeToken}`,
  }),
  "invite/[token]/page.tsx": (v) => ({ params: { token: v.inviteToken }, url: `/invite/${v.inviteToken}` }),
  "join/[code]/page.tsx": (v) => ({ params: { code: v.joinCode }, url: `/join/${v.joinCode}` }),
  "admin/layout.tsx": () => ({ url: "/admin" }),
  "admin/page.tsx": () => ({ url: "/admin" }),
  "admin/accounts/page.tsx": () => ({ url: "/admin/accounts" }),
  "dev/mailbox/page.tsx": () => ({ url: "/dev/mailbox" }),
  "dev/mailbox/[id]/page.tsx": (v) => ({
    params: { id: v.mailboxEmail },
    url: `/dev/mailbox/${v.mailboxEmail}`,
  }),
};

/** Every page.tsx, layout.tsx and route.ts under app/, by its path there, sorted. */
export function appPageFiles(): string[] {
  return (fs.readdirSync(APP, { recursive: true }) as string[])
    .filter((file) => ["page.tsx", "layout.tsx", "route.ts"].includes(path.basename(file)))
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}

/** Where an entry point (a file under app/, or an action's `folder#name`) belongs. */
export type Scope = "account" | "console" | "other";
export const scopeOf = (entry: string): Scope =>
  entry.startsWith("(app)/a/[account]") ? "account" : entry.startsWith("admin") ? "console" : "other";

/** A page's answer: what it rendered (its shape), a redirect, a 404, a route's response, or an error (a 500). */
export type Outcome =
  | { kind: "rendered"; shape: unknown }
  | { kind: "redirect"; to: string }
  | { kind: "not_found" }
  | { kind: "response"; status: number; location: string | null }
  | { kind: "error"; message: string };

/** A rendered element as plain data (component names, props, children), so that two renders compare. */
function shapeOf(node: unknown, depth = 0): unknown {
  if (depth > 40 || node === null || node === undefined || typeof node === "boolean") return null;
  if (typeof node === "string" || typeof node === "number" || typeof node === "bigint") return String(node);
  if (typeof node === "function") return `ƒ ${node.name}`;
  if (typeof node === "symbol") return node.toString();
  if (node instanceof Date) return node.toISOString();
  if (node instanceof Promise) return "(promise)";
  if (Array.isArray(node)) return node.map((child) => shapeOf(child, depth + 1));
  const object = node as Record<string, unknown>;
  if ("$$typeof" in object && "props" in object) {
    const type = object.type as { name?: string; displayName?: string } | string | symbol;
    const name =
      typeof type === "object" || typeof type === "function" ? (type.displayName ?? type.name) : String(type);
    return { type: name, props: shapeOf(object.props, depth + 1) };
  }
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, shapeOf(value, depth + 1)]));
}

/** redirect() and notFound() travel as errors with a digest; anything else is a 500. */
export function thrownOutcome(error: unknown): Outcome {
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;")) {
    return { kind: "redirect", to: digest.split(";")[2]! };
  }
  if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return { kind: "not_found" };
  return { kind: "error", message: error instanceof Error ? error.message : String(error) };
}

const modules = new Map<string, Record<string, unknown>>();
async function moduleOf(file: string) {
  if (!modules.has(file)) modules.set(file, await import(/* @vite-ignore */ path.join(APP, file)));
  return modules.get(file)!;
}

/** Opens a page, layout or route handler (GET) with these cookies, or none, as a request would. */
export async function openPage(file: string, cookie: Cookie | null, values: PageValues): Promise<Outcome> {
  const { params = {}, query = {}, url } = PAGES[file]!(values);
  testRequest.cookies = new Map(cookie?.jar ?? []);
  testRequest.path = url;
  try {
    const mod = await moduleOf(file);
    if (file.endsWith("route.ts")) {
      const handler = mod.GET as (request: NextRequest, context: unknown) => Promise<Response>;
      const headers = await nextHeadersOf(testRequest).headers();
      const response = await handler(new NextRequest(`http://localhost:3000${url}`, { headers }), {
        params: Promise.resolve(params),
      });
      await response.body?.cancel();
      return { kind: "response", status: response.status, location: response.headers.get("location") };
    }
    const component = mod.default as (props: unknown) => unknown;
    const props = file.endsWith("layout.tsx")
      ? { children: null, params: Promise.resolve(params) }
      : { params: Promise.resolve(params), searchParams: Promise.resolve(query) };
    return { kind: "rendered", shape: shapeOf(await component(props)) };
  } catch (error) {
    return thrownOutcome(error);
  } finally {
    testRequest.cookies = new Map();
  }
}

/** An outcome in a few words, for failure messages. */
export function describeOutcome(outcome: Outcome): string {
  switch (outcome.kind) {
    case "rendered":
      return "rendered";
    case "redirect":
      return `redirect to ${outcome.to}`;
    case "not_found":
      return "404";
    case "response":
      return `${outcome.status}${outcome.location ? ` to ${outcome.location}` : ""}`;
    case "error":
      return `error (a 500): ${outcome.message}`;
  }
}
