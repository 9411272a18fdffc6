import { expect, test } from "./support/test";
import { latestEmail, linkIn } from "./support/mail";
import { signIn, signOut, signUp } from "./support/pages";

test("my profile: names saved, the display name shows in the header; a taken user name is refused", async ({
  page,
  browser,
}) => {
  const { person, shortName } = await signUp(page);
  await page.getByRole("banner").getByRole("link", { name: person.name }).click();
  await expect(page).toHaveURL("/profile");
  await page.getByLabel("Display name (optional)").fill("Countess");
  const handle = `ada-${Date.now()}`;
  await page.getByLabel("User name (optional)").fill(handle);
  await page.getByLabel("Company (optional)").fill("Analytical Engines");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Countess" })).toBeVisible();
  // The account's member list shows what I wrote.
  await page.goto(`/a/${shortName}/members`);
  await expect(page.getByRole("table", { name: "Members" })).toContainText("Analytical Engines");
  await expect(page.getByRole("table", { name: "Members" })).toContainText(handle);

  const other = await browser.newPage();
  await signUp(other);
  await other.goto("/profile");
  await other.getByLabel("User name (optional)").fill(handle.toUpperCase());
  await other.getByRole("button", { name: "Save profile" }).click();
  await expect(other.getByLabel("User name (optional)")).toHaveAccessibleDescription(
    "This user name is taken. Choose another one.",
  );
  await other.close();
});

test("sessions: two browsers are listed, and signing one out from the other ends it", async ({
  page,
  browser,
}) => {
  const { person, shortName } = await signUp(page);
  const laptop = await browser.newContext({
    userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  });
  const laptopPage = await laptop.newPage();
  await signIn(laptopPage, person.email, person.password);
  await expect(laptopPage).toHaveURL(`/a/${shortName}`);

  await page.goto("/profile");
  const sessions = page.getByRole("list", { name: "Sessions" }).getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: "This browser" })).toHaveCount(1);
  await page.getByRole("button", { name: "Sign out Firefox on Linux" }).click();
  await expect(sessions).toHaveCount(1);

  await laptopPage.goto(`/a/${shortName}`);
  await expect(laptopPage).toHaveURL(/\/sign-in/);
  await laptop.close();
});

test("changing the password signs out my other browsers, not this one", async ({ page, browser }) => {
  const { person, shortName } = await signUp(page);
  const other = await browser.newPage();
  await signIn(other, person.email, person.password);
  await expect(other).toHaveURL(`/a/${shortName}`);

  await page.goto("/profile");
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password").fill("my changed password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByLabel("Current password")).toHaveAccessibleDescription(
    "That is not your current password.",
  );
  await page.getByLabel("Current password").fill(person.password);
  await page.getByLabel("New password").fill("my changed password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. 1 other session was signed out.")).toBeVisible();

  await other.reload();
  await expect(other).toHaveURL(/\/sign-in/);
  await page.goto(`/a/${shortName}`);
  await expect(page).toHaveURL(`/a/${shortName}`);
  await other.close();
});

test("changing my email: the link to the new address makes it the one I sign in with", async ({
  page,
}, testInfo) => {
  const { person, shortName } = await signUp(page);
  const newEmail = `moved-${Date.now()}@example.test`;
  await page.goto("/profile");
  await page.getByLabel("New email").fill(newEmail);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByText(`We sent a link to ${newEmail}.`)).toBeVisible();
  await latestEmail(page, testInfo, person.email, /email address was requested/);

  const link = linkIn(
    await latestEmail(page, testInfo, newEmail, /Confirm your new email address/),
    "/confirm-email/",
  );
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my new address" }).click();
  await expect(page).toHaveURL("/profile");
  await expect(page.getByText(`You sign in as ${newEmail}.`, { exact: true })).toBeVisible();

  await signOut(page);
  await signIn(page, person.email, person.password);
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await signIn(page, newEmail, person.password);
  await expect(page).toHaveURL(`/a/${shortName}`);
});
