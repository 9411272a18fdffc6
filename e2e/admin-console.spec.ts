import { expect, test } from "./support/test";
import { newPerson } from "./support/data";
import { makeOperator } from "./support/operator";
import { signIn, signUp } from "./support/pages";

// The platform console (/admin): a person is made an operator with the real command
// (`npm run make-operator -- <email>`) against this run's PostgreSQL database, searches for a
// user and disables them everywhere; the user's open session ends and they cannot sign in.
// Everyone else gets the 404 page.

const databaseUrl = process.env.E2E_DATABASE_URL;
test.skip(!databaseUrl, "needs the run's PostgreSQL database to make an operator");

test("an operator finds a user and disables them everywhere; others get 404", async ({ page, browser }) => {
  test.slow(); // three people, three browsers, and the make-operator script
  // Signed out: nothing here.
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

  const { person: opal } = await signUp(page, newPerson("Opal"));
  // Signed in, not an operator: still nothing here, nor under it.
  for (const path of ["/admin", "/admin/accounts"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }

  expect(makeOperator(opal.email)).toContain(`${opal.email} is now a platform operator`);

  // The person to disable, signed in in a browser of their own.
  const timContext = await browser.newContext();
  const timPage = await timContext.newPage();
  const { person: tim, shortName: timAccount } = await signUp(timPage, newPerson("Tim"));

  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Platform console" })).toBeVisible();
  // Part of the email, in other letters' case.
  await page.getByRole("searchbox", { name: "Search users" }).fill(tim.email.split("@")[0]!.toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/admin\?q=/);
  const row = page.locator(`tr[data-user-email="${tim.email}"]`);
  await expect(row).toContainText(tim.name);
  await expect(row).toContainText(timAccount);
  await expect(row).toContainText("Active");

  await row.getByRole("button", { name: "Disable", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Disable ${tim.name}?` });
  await expect(dialog).toContainText("signed out everywhere");
  await dialog.getByRole("button", { name: `Disable ${tim.name}` }).click();
  await expect(row).toContainText("Disabled");
  await expect(row.getByRole("button", { name: "Enable", exact: true })).toBeVisible();

  // Tim's open session has ended, and signing in fails as a wrong password would.
  await timPage.goto(`/a/${timAccount}`);
  await expect(timPage).toHaveURL(/\/sign-in/);
  await signIn(timPage, tim.email, tim.password);
  await expect(timPage.getByText("Wrong email or password.")).toBeVisible();
  await timContext.close();

  // Enabled again, Tim signs in.
  await row.getByRole("button", { name: "Enable", exact: true }).click();
  await expect(row).toContainText("Active");
  const again = await browser.newPage();
  await signIn(again, tim.email, tim.password);
  await expect(again).toHaveURL(`/a/${timAccount}`);
  await again.close();
});
