import { expect, test } from "@playwright/test";
import { newPerson, newShortName } from "./support/data";
import { fieldErrors, fillSignUp, signUp } from "./support/pages";

test("signing up creates the account and lands in it, signed in", async ({ page }) => {
  const person = newPerson("Ada");
  const shortName = newShortName("engines");
  await fillSignUp(page, person, { shortName, displayName: "Analytical Engines" });
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(`/a/${shortName}`);
  await expect(page.getByRole("heading", { level: 1, name: "Analytical Engines" })).toBeVisible();
  await expect(page.getByText(`Welcome, ${person.name}`)).toBeVisible();
  await expect(page.getByText("You are Owner of Analytical Engines.")).toBeVisible();
});

test("an empty form shows what every field needs", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(fieldErrors(page)).toHaveText([
    "Enter a name.",
    "Enter an email address.",
    "Use at least 8 characters.",
    "Use at least 3 characters.",
  ]);
  await expect(page).toHaveURL("/sign-up");
});

test("bad values are explained next to their fields", async ({ page }) => {
  await fillSignUp(
    page,
    { name: "Ada", email: "not-an-email", password: "short" },
    { shortName: "Bad_Name" },
  );
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription(
    "Enter a valid email address, like ada@example.com.",
  );
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Use at least 8 characters.");
  // The short name field lowercases as you type; the underscore is still refused.
  await expect(page.getByLabel("Short name")).toHaveValue("bad_name");
  await expect(page.getByLabel("Short name")).toHaveAccessibleDescription(
    "Use only lowercase letters, digits and dashes.",
  );

  await page.getByLabel("Password").fill("x".repeat(129));
  await page.getByLabel("Short name").fill("admin");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Use at most 128 characters.");
  await expect(page.getByLabel("Short name")).toHaveAccessibleDescription(
    "This name is reserved. Choose another one.",
  );

  await page.getByLabel("Short name").fill("two--dashes");
  await expect(page.getByLabel("Short name")).toHaveAccessibleDescription(
    "Dashes go between letters or digits, one at a time.",
  );
});

test("a taken email and a taken short name are refused by the server, clearly", async ({ page, browser }) => {
  const first = await signUp(page);

  const other = await browser.newPage();
  await fillSignUp(
    other,
    { ...newPerson(), email: first.person.email.toUpperCase() },
    { shortName: newShortName() },
  );
  await other.getByRole("button", { name: "Create account" }).click();
  await expect(other.getByLabel("Email")).toHaveAccessibleDescription(
    "There is already a user with this email. Sign in instead.",
  );

  await fillSignUp(other, newPerson(), { shortName: first.shortName });
  await other.getByRole("button", { name: "Create account" }).click();
  await expect(other.getByLabel("Short name")).toHaveAccessibleDescription(
    "This short name is taken. Choose another one.",
  );
  await expect(other).toHaveURL("/sign-up");
  await other.close();
});
