import { expect, test } from "@playwright/test";
import { fieldErrors, signIn, signOut, signUp } from "./support/pages";

test("after signing out, signed-in pages send you to sign in, and signing in brings you back", async ({
  page,
}) => {
  const { person, shortName } = await signUp(page);
  await signOut(page);

  await page.goto(`/a/${shortName}/settings`);
  await expect(page).toHaveURL(`/sign-in?callbackUrl=${encodeURIComponent(`/a/${shortName}/settings`)}`);
  await page.goto("/accounts");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccounts$/);

  // The email in upper case is the same user.
  await signIn(page, person.email.toUpperCase(), person.password);
  await expect(page).toHaveURL("/accounts");
  await expect(page.getByRole("heading", { name: "Your accounts" })).toBeVisible();
});

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  const { person } = await signUp(page);
  await signOut(page);

  await signIn(page, person.email, "wrong password");
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await signIn(page, `nobody-${Date.now()}@example.test`, person.password);
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the sign-in form says what is missing", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(fieldErrors(page)).toHaveText(["Enter an email address.", "Enter your password."]);
});

test("signing out ends the session on the server: the old cookie, replayed, no longer works", async ({
  page,
  browser,
}) => {
  const { shortName } = await signUp(page);
  const cookies = await page.context().cookies();
  await signOut(page);

  const replay = await browser.newContext({ baseURL: `${new URL(page.url()).origin}` });
  await replay.addCookies(cookies);
  const replayPage = await replay.newPage();
  await replayPage.goto(`/a/${shortName}`);
  await expect(replayPage).toHaveURL(/\/sign-in\?callbackUrl=/);
  await replay.close();
});
