import { randomInt, randomUUID } from "node:crypto";
import type { APIResponse, Page, Response } from "@playwright/test";
import { expect, test } from "./support/test";
import { appRoutes, concretePath } from "./support/app-routes";
import { newClient, type StorageState } from "./support/clients";
import { newPerson } from "./support/data";
import { signIn, signUp, type Person } from "./support/pages";
import {
  REFERRER_POLICY,
  TOKEN_PAGE_PREFIXES,
  TOKEN_PAGE_REFERRER_POLICY,
} from "@/lib/http/security-headers";
import { defaultProjectKey } from "@/lib/projects/projects";

// Every route of the app, signed out and signed in, answers with the security headers
// (lib/http/security-headers.ts): the routes are read from the app/ folder, so a new page or
// route handler is checked the day it is added. Then the pages run in Chromium under that
// policy without a single violation, client components and dialogs included.

// One account for the whole file: its tests run one after another in one worker.
test.describe.configure({ mode: "serial" });

const REPOSITORY = "site";

let owner: Person;
let shortName: string;
/** A member the account added itself, with a page of their own and a dialog to remove them. */
let memberId: string;
let ownerState: StorageState;

test.beforeAll(async ({ browser }) => {
  // A sign-up through its email, then a repository and a person added from the forms.
  test.setTimeout(90_000);
  const context = await newClient(browser);
  const page = await context.newPage();
  ({ person: owner, shortName } = await signUp(page, newPerson("Helga")));

  await page.goto(`/a/${shortName}/repositories`);
  await page.getByLabel("Name", { exact: true }).fill(REPOSITORY);
  await page.getByLabel("Clone URL").fill(`git@github.com:acme/${REPOSITORY}.git`);
  await page.getByRole("button", { name: "Add repository" }).click();
  await expect(page).toHaveURL(`/a/${shortName}/repositories/${REPOSITORY}`);

  const nora = newPerson("Nora");
  await page.goto(`/a/${shortName}/members/new`);
  await page.getByLabel("Full name").fill(nora.name);
  await page.getByLabel("Email", { exact: true }).fill(nora.email);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`${nora.name} was added.`)).toBeVisible();
  await page.goto(`/a/${shortName}/members`);
  const link = page
    .getByRole("table", { name: "Members" })
    .getByRole("link", { name: nora.name, exact: true });
  memberId = (await link.getAttribute("href"))!.split("/").at(-1)!;

  ownerState = await context.storageState();
  await context.close();
});

/** A real value for every dynamic segment; a route with a new one fails until it is given here. */
function paramValue(name: string): string | undefined {
  const values: Record<string, string> = {
    account: shortName,
    member: memberId,
    key: defaultProjectKey(shortName), // the project a new account starts with
    name: REPOSITORY,
    // Unknown links: their pages answer (with "not valid any more", or 404) all the same.
    token: `not-a-token-${randomUUID()}`,
    code: `not-a-code-${randomInt(1e9)}`,
    id: randomUUID(),
  };
  return values[name];
}

const concrete = (pattern: string) => concretePath(pattern, paramValue, "security-headers.spec.ts");

const isTokenPage = (pathname: string) =>
  TOKEN_PAGE_PREFIXES.some((prefix) => `${pathname}/`.startsWith(prefix));

/** The policy as a map of directive → its sources. */
function policyOf(header: string | undefined) {
  return new Map(
    (header ?? "")
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources] as const),
  );
}

/** Checks one response's headers (and an HTML page's scripts); returns its nonce. */
async function expectSecurityHeaders(
  response: APIResponse | Response,
  what: string,
  { signedIn, policy = true }: { signedIn: boolean; policy?: boolean },
): Promise<string | undefined> {
  const headers = response.headers();
  const pathname = new URL(response.url()).pathname;
  expect(response.status(), `${what}: never a 500`).toBeLessThan(500);
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe(
    isTokenPage(pathname) ? TOKEN_PAGE_REFERRER_POLICY : REFERRER_POLICY,
  );
  // The end-to-end servers are production builds (next start).
  expect(headers["strict-transport-security"], what).toMatch(/^max-age=\d{7,}/);
  if (signedIn) expect(headers["cache-control"], `${what}: Cache-Control`).toContain("no-store");
  if (!policy) return undefined;

  const csp = policyOf(headers["content-security-policy"]);
  const nonce = csp
    .get("script-src")
    ?.find((source) => source.startsWith("'nonce-"))
    ?.slice("'nonce-".length, -1);
  expect(nonce, `${what}: a nonce in script-src`).toBeTruthy();
  expect(csp.get("script-src"), what).toContain("'strict-dynamic'");
  expect(csp.get("default-src"), what).toEqual(["'self'"]);
  expect(csp.get("object-src"), what).toEqual(["'none'"]);
  expect(csp.get("base-uri"), what).toEqual(["'none'"]);
  expect(csp.get("frame-ancestors"), what).toEqual(["'none'"]);
  expect(csp.get("form-action"), what).toEqual(["'self'"]);
  for (const sources of csp.values()) expect(sources, what).not.toContain("'unsafe-eval'");
  expect(csp.get("script-src"), what).not.toContain("'unsafe-inline'");

  // Next stamps every script of a page it renders with this response's nonce.
  if (response.status() === 200 && (headers["content-type"] ?? "").startsWith("text/html")) {
    const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, `${what}: scripts`).toBeGreaterThan(0);
    for (const script of scripts) expect(script, what).toContain(`nonce="${nonce}"`);
  }
  return nonce;
}

test("every route answers with the security headers, signed in and signed out, 404s included", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const routes = appRoutes();
  // Enough to know the walk found the app (and the handlers among the pages).
  expect(routes.length).toBeGreaterThan(25);
  expect(routes.some((route) => route.kind === "route handler")).toBe(true);
  // Not found: a path nobody serves, and (signed in) an account the visitor is not in.
  const notFound = [`/no-such-page-${randomUUID()}`, `/a/no-such-account-${randomInt(1e9)}/members`];

  const signedIn = await newClient(browser, ownerState);
  const signedOut = await newClient(browser);
  const nonces = new Set<string>();
  let checked = 0;
  for (const [client, isSignedIn] of [
    [signedOut, false],
    [signedIn, true],
  ] as const) {
    for (const { path: pattern, kind } of [...routes, ...notFound.map((p) => ({ path: p, kind: "404" }))]) {
      const url = concrete(pattern);
      const what = `${isSignedIn ? "signed in" : "signed out"} ${kind} ${pattern}`;
      // Redirects are answers too (to sign in, to the account): each is checked as it comes.
      const response = await client.request.get(url, { maxRedirects: 0 });
      if (kind === "404")
        expect(response.status(), what).toBe(isSignedIn || !url.startsWith("/a/") ? 404 : 307);
      const nonce = await expectSecurityHeaders(response, what, { signedIn: isSignedIn });
      if (nonce) nonces.add(nonce);
      checked += 1;
    }
  }
  // A nonce is good for one response only.
  expect(nonces.size).toBe(checked);
  console.log(
    `security headers: ${routes.length} routes (+ ${notFound.length} 404s), signed in and out: ${checked} responses`,
  );

  // Static files come without the proxy, from next.config.ts alone.
  const signInPage = await (await signedOut.request.get("/sign-in")).text();
  const asset = signInPage.match(/\/_next\/static\/[^"]+\.js/)?.[0];
  expect(asset, "a script of the sign-in page").toBeTruthy();
  await expectSecurityHeaders(await signedOut.request.get(asset!), `static ${asset}`, {
    signedIn: false,
    policy: false,
  });
  await signedIn.close();
  await signedOut.close();
});

test("server actions answer with the security headers: sign out, then sign in", async ({ browser }) => {
  const context = await newClient(browser, ownerState);
  const page = await context.newPage();
  await page.goto(`/a/${shortName}`);
  const isAction = (response: Response) =>
    response.request().method() === "POST" && Boolean(response.request().headers()["next-action"]);

  const signingOut = page.waitForResponse(isAction);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expectSecurityHeaders(await signingOut, "the sign-out action", { signedIn: true });
  await expect(page).toHaveURL(/\/sign-in/);

  const signingIn = page.waitForResponse(isAction);
  await signIn(page, owner.email, owner.password);
  await expectSecurityHeaders(await signingIn, "the sign-in action", { signedIn: false });
  await expect(page).toHaveURL(`/a/${shortName}`);
  // In production the session cookie is bound to this host, over HTTPS (or localhost).
  const cookies = await context.cookies();
  expect(cookies.map((cookie) => cookie.name)).toContain("__Host-authjs.session-token");
  ownerState = await context.storageState();
  await context.close();
});

/** Collects what the browser refused under the page's Content-Security-Policy, and any page error. */
function watchPolicy(page: Page) {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
  return problems;
}

test("pages run under the policy in Chromium: sign-in, client components, a dialog, a 404", async ({
  browser,
}) => {
  const signedOut = await newClient(browser);
  const page = await signedOut.newPage();
  const problems = watchPolicy(page);
  await page.goto("/sign-in");
  await signIn(page, owner.email, owner.password);
  await expect(page).toHaveURL(`/a/${shortName}`);

  // The invite form checks and reviews in the browser: it works only if its scripts ran.
  await page.goto(`/a/${shortName}/members`);
  await page.getByRole("button", { name: "Invite people" }).click();
  await page.getByLabel("Email addresses").fill("someone@example.test");
  await page.getByRole("button", { name: "Review invitations" }).click();
  await expect(page.getByRole("list", { name: "Addresses to invite" })).toBeVisible();

  // A dialog (the browser's <dialog>, opened by a client component).
  await page.goto(`/a/${shortName}/members/${memberId}`);
  await page.getByRole("button", { name: "Remove from account" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  for (const pathname of [
    "/profile",
    `/a/${shortName}/settings`,
    `/a/${shortName}/repositories/${REPOSITORY}`,
  ]) {
    await page.goto(pathname);
    await page.waitForLoadState("networkidle");
  }
  const missing = await page.goto(`/no-such-page-${randomUUID()}`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  // Client-side navigation from the 404 page's link: the scripts there ran too.
  await page.getByRole("link", { name: "Go to your home page" }).click();
  await expect(page).toHaveURL(`/a/${shortName}`);

  expect(problems).toEqual([]);
  await signedOut.close();
});
