import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page, TestInfo } from "@playwright/test";
import { expect, test } from "./support/test";
import { appPages, concretePath } from "./support/app-routes";
import { newClient, type StorageState } from "./support/clients";
import { newPerson } from "./support/data";
import { latestEmail, linkIn } from "./support/mail";
import { makeOperator } from "./support/operator";
import { fillSignUp, signUp, type Person } from "./support/pages";
import { defaultProjectKey } from "@/lib/projects/projects";

// Every page of the app (read from app/, so a new page is walked the day it is added) under
// axe's WCAG 2.1 A and AA rules: signed out, as the owner (who is also a platform operator,
// for /admin), and as a plain member; with each of its dialogs open in turn; and on a
// 375 px phone, where nothing may scroll sideways. Each page also has exactly one <main>,
// and its first Tab stop is the skip link to it.

// One account for the whole file: its tests run one after another in one worker, and each
// reports on its own (a failed walk does not skip the next visitor's).
test.describe.configure({ mode: "default" });

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 720 };
const REPOSITORY = "site";

let shortName: string;
/** Someone the owner added (a page with dialogs: remove, change role…); their welcome link. */
let addedMemberId: string;
/** Real, unused links, as their emails carry them. */
const tokens: Record<string, string> = {};
let joinCode: string;
const states: { owner?: StorageState; member?: StorageState } = {};

const lastSegment = (path: string) => path.split("/").at(-1)!;

test.beforeAll(async ({ browser }, testInfo) => {
  // Three people, a repository, and six emailed links, through the forms as people do.
  test.setTimeout(180_000);
  const ownerContext = await newClient(browser);
  const page = await ownerContext.newPage();
  // A step that cannot be done fails in seconds, not at the end of the hook's three minutes.
  page.setDefaultTimeout(15_000);
  let owner: Person;
  ({ person: owner, shortName } = await signUp(page, newPerson("Alma")));
  // The console's pages: the owner is a platform operator too (needs the run's PostgreSQL).
  if (process.env.E2E_DATABASE_URL) makeOperator(owner.email);

  await page.goto(`/a/${shortName}/repositories`);
  await page.getByLabel("Name", { exact: true }).fill(REPOSITORY);
  await page.getByLabel("Clone URL").fill(`git@github.com:acme/${REPOSITORY}.git`);
  await page.getByRole("button", { name: "Add repository" }).click();
  await expect(page).toHaveURL(`/a/${shortName}/repositories/${REPOSITORY}`);

  // Added directly: a member page, and the welcome link (set-password) left unused.
  const nora = newPerson("Nora");
  await page.goto(`/a/${shortName}/members/new`);
  await page.getByLabel("Full name").fill(nora.name);
  await page.getByLabel("Email", { exact: true }).fill(nora.email);
  await page.getByRole("button", { name: "Add user" }).click();
  const welcome = await latestEmail(page, testInfo, nora.email, /Welcome to/);
  tokens["/set-password/"] = lastSegment(linkIn(welcome, "/set-password/"));
  await page.goto(`/a/${shortName}/members`);
  const noraLink = page
    .getByRole("table", { name: "Members" })
    .getByRole("link", { name: nora.name, exact: true });
  addedMemberId = lastSegment((await noraLink.getAttribute("href"))!);

  // The join link; through it a plain member joins, and someone else's invitation waits.
  await page.goto(`/a/${shortName}/settings`);
  await page.getByRole("button", { name: "Turn on the join link" }).click();
  await expect(page.getByLabel("Join link", { exact: true })).toHaveValue(/\/join\//);
  joinCode = lastSegment(await page.getByLabel("Join link", { exact: true }).inputValue());
  const milo = newPerson("Milo");
  const memberContext = await newClient(browser);
  const memberPage = await memberContext.newPage();
  memberPage.setDefaultTimeout(15_000);
  await memberPage.goto(linkIn(await askToJoin(memberPage, testInfo, milo.email), "/invite/"));
  await memberPage.getByLabel("Full name").fill(milo.name);
  await memberPage.getByLabel("Password").fill(milo.password);
  await memberPage.getByRole("button", { name: "Create user and join" }).click();
  await expect(memberPage).toHaveURL(new RegExp(`/a/${shortName}(\\?|$)`));
  states.member = await memberContext.storageState();
  await memberContext.close();

  // A change of email waiting for its confirmation link.
  const newEmail = `alma-moved-${randomUUID()}@example.test`;
  await page.goto("/profile");
  await page.getByLabel("New email").fill(newEmail);
  await page.getByLabel("Password", { exact: true }).fill(owner.password);
  await page.getByRole("button", { name: "Change email" }).click();
  const change = await latestEmail(page, testInfo, newEmail, /Confirm your new email address/);
  tokens["/confirm-email/"] = lastSegment(linkIn(change, "/confirm-email/"));
  states.owner = await ownerContext.storageState();
  await ownerContext.close();

  // Signed out: an invitation asked for through the join link and not accepted (its page,
  // and a row with Resend and Revoke), a password reset, a sign-up not confirmed yet.
  const visitor = await newClient(browser);
  const signedOut = await visitor.newPage();
  signedOut.setDefaultTimeout(15_000);
  const ines = `ines-${randomUUID()}@example.test`;
  tokens["/invite/"] = lastSegment(linkIn(await askToJoin(signedOut, testInfo, ines), "/invite/"));
  await signedOut.goto("/forgot-password");
  await signedOut.getByLabel("Email").fill(milo.email);
  await signedOut.getByRole("button", { name: "Send the reset link" }).click();
  await expect(signedOut.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const reset = await latestEmail(signedOut, testInfo, milo.email, /Reset your Roster password/);
  tokens["/reset-password/"] = lastSegment(linkIn(reset, "/reset-password/"));

  const vera = newPerson("Vera");
  await fillSignUp(signedOut, vera, { shortName: `vera-${randomUUID().slice(0, 8)}` });
  await signedOut.getByRole("button", { name: "Create account" }).click();
  await expect(signedOut.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const verify = await latestEmail(signedOut, testInfo, vera.email, /Confirm your email address/);
  tokens["/verify-email/"] = lastSegment(linkIn(verify, "/verify-email/"));
  await visitor.close();
});

/** Asks to join through the join link (`joinCode`) as `email`; answers the emailed link. */
async function askToJoin(page: Page, testInfo: TestInfo, email: string) {
  await page.goto(`/join/${joinCode}`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a link to join" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your email" })).toBeVisible();
  return latestEmail(page, testInfo, email, /Your link to join/);
}

/** A real value for each route parameter; none for a page nobody taught this file, which then fails. */
function paramValue(name: string, pattern: string): string | undefined {
  if (name === "token") {
    const prefix = Object.keys(tokens).find((p) => pattern.startsWith(p));
    return prefix && tokens[prefix];
  }
  const values: Record<string, string | undefined> = {
    account: shortName,
    member: addedMemberId,
    key: defaultProjectKey(shortName), // the project a new account starts with
    name: REPOSITORY,
    code: joinCode,
    // The local mailbox's emails (a 404 where an email provider is configured).
    id: pattern === "/dev/mailbox/[id]" ? randomUUID() : undefined,
  };
  return values[name];
}

const pageUrls = () =>
  appPages().map((route) => concretePath(route.path, paramValue, "accessibility.spec.ts"));

/** axe's serious and critical findings under WCAG 2.1 A/AA, in `include` (a selector) or the whole page. */
async function axeProblems(page: Page, where: string, include?: string) {
  // Legacy mode runs axe in the page itself: the default opens a blank page per run to merge
  // frames' results, which costs seconds a page, and these pages have no frames.
  let builder = new AxeBuilder({ page }).withTags(WCAG_21_AA).setLegacyMode(true);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

/** One <main>, the id the skip link names, and the skip link as the first thing Tab reaches. */
async function landmarkProblems(page: Page, where: string) {
  // A page whose hydration has to start over on the client (or is still streaming) is briefly
  // without its frame: the check is of the page a person sees once it has settled.
  await page
    .locator("main")
    .first()
    .waitFor({ state: "attached", timeout: 5_000 })
    .catch(() => {});
  const found = await page.evaluate(() => {
    const focusable = [
      ...document.querySelectorAll<HTMLElement>(
        'a[href], button, input:not([type="hidden"]), select, textarea, [tabindex]',
      ),
    ].find(
      (el) => el.tabIndex >= 0 && !el.closest("[hidden], [inert]") && !(el as HTMLButtonElement).disabled,
    );
    const target = focusable?.getAttribute("href")?.slice(1);
    return {
      mains: document.querySelectorAll("main").length,
      firstStop: focusable?.textContent?.trim() ?? "nothing",
      targetIsMain: Boolean(target && document.getElementById(target)?.tagName === "MAIN"),
    };
  });
  const problems: string[] = [];
  if (found.mains !== 1)
    problems.push(
      `${where}: ${found.mains} <main> landmarks, not 1 (title "${await page.title()}", text "${(
        await page.locator("body").innerText()
      )
        .replace(/\s+/g, " ")
        .slice(0, 200)}")`,
    );
  if (found.firstStop !== "Skip to content" || !found.targetIsMain)
    problems.push(`${where}: the first Tab stop is "${found.firstStop}", not a skip link to <main>`);
  return problems;
}

/** At 375 px the document is no wider than the screen. */
async function phoneProblems(page: Page, where: string) {
  await page.setViewportSize(PHONE);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize(DESKTOP);
  return width > PHONE.width ? [`${where}: ${width} px wide on a ${PHONE.width} px phone`] : [];
}

/**
 * Each kind of dialog the page offers, opened in turn from its trigger, checked by axe, closed
 * with Escape. A table's rows repeat one dialog (Disable, Revoke…): the first row's stands for all.
 */
async function dialogProblems(page: Page, where: string) {
  const problems: string[] = [];
  const triggers = page.locator('button[aria-haspopup="dialog"]:visible');
  const count = await triggers.count();
  const opened = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    const trigger = triggers.nth(i);
    const name = (await trigger.innerText()).trim() || (await trigger.getAttribute("aria-label"));
    if (opened.has(name ?? "")) continue;
    opened.add(name ?? "");
    const what = `${where} dialog "${name}"`;
    const dialog = page.getByRole("dialog");
    await trigger.click();
    await expect(dialog, `${what} opens`).toBeVisible();
    const native = await dialog.evaluate((element) => element.tagName === "DIALOG");
    problems.push(...(await axeProblems(page, what, native ? "dialog[open]" : '[role="dialog"]')));
    await page.keyboard.press("Escape");
    await expect(dialog, `${what} closes on Escape`).toBeHidden();
  }
  return problems;
}

/** Walks every page as one visitor; answers what failed, all of it at once. */
async function walk(
  browser: Browser,
  state: StorageState | undefined,
  who: string,
  { dark = false }: { dark?: boolean } = {},
) {
  const context = await newClient(browser, state);
  const page = await context.newPage();
  await page.setViewportSize(DESKTOP);
  // Dark mode follows the system setting: its pass is of colours alone (axe, pages and dialogs);
  // landmarks and widths are the same in both.
  if (dark) await page.emulateMedia({ colorScheme: "dark" });
  // Not a finding by itself (axe and the landmarks say what a person meets), but the first
  // thing to read when a page turns up empty.
  page.on("pageerror", (error) => console.log(`accessibility: ${who} ${page.url()}: ${error.message}`));
  const problems: string[] = [];
  // Pages that send this visitor elsewhere (to sign in, to the account) are checked once there;
  // a 404 looks the same under every path of one part of the app.
  const seen = new Set<string>();
  for (const url of pageUrls()) {
    const response = await page.goto(url);
    const landed = new URL(page.url()).pathname;
    const key = response?.status() === 404 ? `404 ${url.split("/")[1]}` : landed;
    if (seen.has(key)) continue;
    seen.add(key);
    const where = `${who} ${url}${landed === url ? "" : ` → ${landed}`} (HTTP ${response?.status()})`;
    if (!dark) problems.push(...(await landmarkProblems(page, where)));
    problems.push(...(await axeProblems(page, where)));
    if (!dark) problems.push(...(await phoneProblems(page, where)));
    problems.push(...(await dialogProblems(page, where)));
  }
  await context.close();
  console.log(`accessibility: ${who}, ${seen.size} pages`);
  return problems;
}

test("signed out: every page passes axe, fits a phone, has one <main> and a skip link", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  expect(await walk(browser, undefined, "signed out")).toEqual([]);
});

test("the owner (and operator): every page and dialog passes axe and fits a phone", async ({ browser }) => {
  test.setTimeout(240_000);
  expect(await walk(browser, states.owner, "owner")).toEqual([]);
});

test("a plain member: every page and dialog passes axe and fits a phone", async ({ browser }) => {
  test.setTimeout(180_000);
  expect(await walk(browser, states.member, "member")).toEqual([]);
});

// The signed-out pages are built from the same primitives (fields, buttons, cards, dialogs): the
// owner's walk, which reaches nearly every one of them, stands for both.
test("in dark mode, every page and dialog passes axe (as the owner)", async ({ browser }) => {
  test.setTimeout(180_000);
  expect(await walk(browser, states.owner, "owner, dark", { dark: true })).toEqual([]);
});

test("the skip link is the first Tab stop and takes focus past the header into <main>", async ({
  browser,
}) => {
  const context = await newClient(browser, states.owner);
  const page = await context.newPage();
  await page.goto(`/a/${shortName}/members`);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  // The next Tab stop is inside <main>, not the header's.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
  await context.close();
});

test("the account switcher is a disclosure: Escape and leaving it close it, and it fits a phone", async ({
  browser,
}) => {
  const context = await newClient(browser, states.owner);
  const page = await context.newPage();
  await page.setViewportSize(PHONE);
  await page.goto(`/a/${shortName}`);
  // The switcher's button is named after the account it is in (its short name, by default).
  const button = page.getByRole("banner").getByRole("button", { name: shortName });
  const list = page.getByRole("list", { name: "Your accounts" });
  await expect(list).toBeHidden();
  // aria-controls names an element that is there while the list is closed too.
  const controls = await button.getAttribute("aria-controls");
  expect(await page.locator(`[id="${controls}"]`).count()).toBe(1);

  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(list).toBeVisible();
  // Inside the screen of a phone, and the page does not grow sideways.
  const box = (await page.locator(`[id="${controls}"]`).boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  await page.keyboard.press("Tab");
  await page.keyboard.press("Escape");
  await expect(list).toBeHidden();
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "false");

  // Tab past its last link: focus left, the list closes.
  await page.keyboard.press("Enter");
  await expect(list).toBeVisible();
  const stops = await page.locator(`[id="${controls}"] a`).count();
  for (let i = 0; i <= stops; i += 1) await page.keyboard.press("Tab");
  await expect(list).toBeHidden();
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("BODY");
  await context.close();
});
