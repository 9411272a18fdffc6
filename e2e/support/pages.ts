import { expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { newPerson, newShortName } from "./data";
import { latestEmail, linkIn } from "./mail";

export type Person = ReturnType<typeof newPerson>;

/** Fills the sign-up form (without submitting). */
export async function fillSignUp(
  page: Page,
  person: Partial<Person>,
  account: { shortName?: string; displayName?: string } = {},
) {
  await page.goto("/sign-up");
  if (person.name !== undefined) await page.getByLabel("Full name").fill(person.name);
  if (person.email !== undefined) await page.getByLabel("Email").fill(person.email);
  if (person.password !== undefined) await page.getByLabel("Password").fill(person.password);
  if (account.shortName !== undefined) await page.getByLabel("Short name").fill(account.shortName);
  if (account.displayName !== undefined)
    await page.getByLabel("Display name (optional)").fill(account.displayName);
}

/**
 * Signs up a new person with a new account the way a person does: the form, then the link in
 * the confirmation email, opened in the same browser, confirmed with the password. Waits to
 * land in the account, signed in.
 */
export async function signUp(page: Page, person = newPerson(), shortName = newShortName()) {
  await fillSignUp(page, person, { shortName });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await confirmEmail(page, person);
  await expect(page).toHaveURL(`/a/${shortName}`);
  return { person, shortName };
}

/** Follows the latest confirmation link sent to `person`, signing in with their password. */
export async function confirmEmail(page: Page, person: Person) {
  const email = await latestEmail(page, test.info(), person.email, /Confirm your email address/);
  await page.goto(linkIn(email, "/verify-email/"));
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Confirm and sign in" }).click();
}

/** Signs in from the sign-in page (which the caller may already be on). */
export async function signIn(page: Page, email: string, password: string) {
  if (!new URL(page.url()).pathname.startsWith("/sign-in")) await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** The messages shown under the form's fields, in order. */
export const fieldErrors = (page: Page) => page.locator("[data-field-error]");

/** Opens the members page's "Invite people" dialog; returns the dialog. */
export async function openInviteDialog(page: Page, shortName: string) {
  await page.goto(`/a/${shortName}/members`);
  await page.getByRole("button", { name: "Invite people" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite people" });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Invites addresses from the members page's dialog through the review step; returns the results list. */
export async function invitePeople(page: Page, shortName: string, emails: string[], role = "Member") {
  await openInviteDialog(page, shortName);
  await page.getByLabel("Email addresses").fill(emails.join(", "));
  await page.getByRole("radio", { name: new RegExp(`^${role}`) }).check();
  await page.getByRole("button", { name: "Review invitations" }).click();
  const review = page.getByRole("list", { name: "Addresses to invite" });
  await expect(review.getByRole("listitem")).toHaveText(emails);
  await page
    .getByRole("button", {
      name: emails.length === 1 ? "Send invitation" : `Send ${emails.length} invitations`,
    })
    .click();
  const results = page.getByRole("list", { name: "Invitation results" });
  await expect(results).toBeVisible();
  return results;
}

/** Opens the members page's Invitations tab (its own URL). */
export async function openInvitationsTab(page: Page, shortName: string) {
  await page.goto(`/a/${shortName}/members?tab=invitations`);
  await expect(page.getByRole("link", { name: /^Invitations/ })).toHaveAttribute("aria-current", "page");
}

/** The row of the invitations table (on the Invitations tab) for one address. */
export const invitationRow = (page: Page, email: string) => page.locator(`tr[data-invitation="${email}"]`);

/**
 * Brings a new person into the account the way people join: the owner (on `ownerPage`)
 * invites them, and they accept the emailed link in a browser page of their own.
 */
export async function joinViaInvitation(
  ownerPage: Page,
  browser: Browser,
  testInfo: TestInfo,
  shortName: string,
  person: Person,
  role = "Member",
): Promise<Page> {
  await invitePeople(ownerPage, shortName, [person.email], role);
  const link = linkIn(
    await latestEmail(ownerPage, testInfo, person.email, /invited you to join/),
    "/invite/",
  );
  const page = await browser.newPage();
  await page.goto(link);
  await page.getByLabel("Full name").fill(person.name);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create user and join" }).click();
  await expect(page).toHaveURL(`/a/${shortName}`);
  return page;
}

/** Opens a member's page from the member list. */
export async function openMember(page: Page, shortName: string, name: string) {
  await page.goto(`/a/${shortName}/members`);
  await page.getByRole("table", { name: "Members" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
}
