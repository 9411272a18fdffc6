import { expect, test } from "./support/test";
import { latestEmail, linkIn } from "./support/mail";
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

test("forgot password: a link by email sets a new one, signs in, and ends the other sessions", async ({
  page,
  browser,
}, testInfo) => {
  const { person, shortName } = await signUp(page);
  const elsewhere = await browser.newPage();
  await signIn(elsewhere, person.email, person.password);
  await expect(elsewhere).toHaveURL(`/a/${shortName}`);

  await signOut(page);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in page has an Email field too: wait for the new page before typing.
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email").fill(person.email);
  await page.getByRole("button", { name: "Send the reset link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  // An address without a user gets the very same answer.
  const stranger = await browser.newPage();
  await stranger.goto("/forgot-password");
  await stranger.getByLabel("Email").fill(`nobody-${Date.now()}@example.test`);
  await stranger.getByRole("button", { name: "Send the reset link" }).click();
  await expect(stranger.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await stranger.close();

  const link = linkIn(
    await latestEmail(page, testInfo, person.email, /Reset your Roster password/),
    "/reset-password/",
  );
  await page.goto(link);
  await page.getByLabel("New password").fill("my brand new password");
  await page.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(page).toHaveURL(`/a/${shortName}`);

  // The other browser's session ended with the reset.
  await elsewhere.reload();
  await expect(elsewhere).toHaveURL(/\/sign-in/);
  await elsewhere.close();

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This reset link is not valid any more" })).toBeVisible();
  await page.goto(`/a/${shortName}`);
  await signOut(page);
  await signIn(page, person.email, person.password);
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await signIn(page, person.email, "my brand new password");
  await expect(page).toHaveURL(`/a/${shortName}`);
});

test("signing in again replaces the session the browser had: its old cookie stops working", async ({
  page,
  browser,
}) => {
  const { person, shortName } = await signUp(page);
  await signOut(page);
  // A second tab still shows the sign-in form while the first signs in.
  const tab = await page.context().newPage();
  await tab.goto("/sign-in");
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(`/a/${shortName}`);
  const earlier = await page.context().cookies();

  await signIn(tab, person.email, person.password);
  await expect(tab).toHaveURL(`/a/${shortName}`);

  const replay = await browser.newContext();
  await replay.addCookies(earlier);
  const replayPage = await replay.newPage();
  await replayPage.goto(`/a/${shortName}`);
  await expect(replayPage).toHaveURL(/\/sign-in\?callbackUrl=/);
  await replay.close();
  // The browser itself is signed in with its new session.
  await page.goto(`/a/${shortName}`);
  await expect(page).toHaveURL(`/a/${shortName}`);
});
