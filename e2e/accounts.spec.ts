import { expect, test } from "./support/test";
import { newShortName } from "./support/data";
import { signUp } from "./support/pages";

test("create a second account, switch between them, and / returns to the last one used", async ({ page }) => {
  const { shortName: first } = await signUp(page);

  const second = newShortName("second");
  await page.getByRole("button", { name: first }).click();
  await page.getByRole("link", { name: "+ Add an account" }).click();
  await page.getByLabel("Short name").fill(second);
  await page.getByLabel("Display name (optional)").fill("Second Team");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(`/a/${second}`);
  await expect(page.getByRole("heading", { level: 1, name: "Second Team" })).toBeVisible();

  // The switcher lists both accounts with my role in each.
  await page.getByRole("button", { name: "Second Team" }).click();
  const menu = page.getByRole("list", { name: "Your accounts" });
  await expect(menu.getByRole("link")).toHaveCount(2);
  await expect(menu.getByRole("link", { name: new RegExp(`${first}.*Owner`) })).toBeVisible();
  await menu.getByRole("link", { name: new RegExp(first) }).click();
  await expect(page).toHaveURL(`/a/${first}`);

  await page.goto("/");
  await expect(page).toHaveURL(`/a/${first}`);
  await page.goto(`/a/${second}/settings`);
  await page.goto("/");
  await expect(page).toHaveURL(`/a/${second}`);

  await page.goto("/accounts");
  await expect(page.getByRole("link", { name: /Second Team/ })).toContainText("Owner");
});

test("another user's account answers 404, exactly like an account that does not exist", async ({
  page,
  browser,
}) => {
  const { shortName } = await signUp(page);

  const stranger = await browser.newPage();
  await signUp(stranger);
  for (const path of [`/a/${shortName}`, `/a/${shortName}/settings`, `/a/no-such-${newShortName()}`]) {
    const response = await stranger.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(stranger.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  await stranger.close();
});

test("the owner renames the account; the short name cannot be edited", async ({ page }) => {
  const { shortName } = await signUp(page);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByLabel("Short name")).toHaveValue(shortName);
  await expect(page.getByLabel("Short name")).not.toBeEditable();

  await page.getByLabel("Display name").fill("");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByLabel("Display name")).toHaveAccessibleDescription("Enter a display name.");

  await page.getByLabel("Display name").fill("Renamed Team");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Renamed Team" })).toBeVisible();
});
