import { expect, test } from "./support/test";
import { newPerson, newShortName } from "./support/data";
import { latestEmail } from "./support/mail";
import { confirmEmail, fieldErrors, fillSignUp, signUp } from "./support/pages";

test("signing up sends a confirmation link; following it signs in and opens the account", async ({
  page,
}) => {
  const person = newPerson("Ada");
  const shortName = newShortName("engines");
  await fillSignUp(page, person, { shortName, displayName: "Analytical Engines" });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: person.email })).toBeVisible();

  await confirmEmail(page, person);
  await expect(page).toHaveURL(`/a/${shortName}`);
  await expect(page.getByRole("region", { name: "Email confirmation" })).toHaveCount(0);
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

test("an email that already has a user gets the same answer as a new one; its owner is told", async ({
  page,
  browser,
}, testInfo) => {
  const first = await signUp(page);

  const other = await browser.newPage();
  await fillSignUp(
    other,
    { ...newPerson("Mallory"), email: first.person.email.toUpperCase() },
    { shortName: newShortName() },
  );
  await other.getByRole("button", { name: "Create account" }).click();
  await expect(other.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(other.getByText("There is already a user")).toHaveCount(0);

  const notice = await latestEmail(page, testInfo, first.person.email, /tried to sign up/);
  expect(notice.text).toContain("nothing was created");
  await other.close();
});

test("a taken short name is refused by the server, clearly", async ({ page, browser }) => {
  const first = await signUp(page);
  const other = await browser.newPage();
  await fillSignUp(other, newPerson(), { shortName: first.shortName });
  await other.getByRole("button", { name: "Create account" }).click();
  await expect(other.getByLabel("Short name")).toHaveAccessibleDescription(
    "This short name is taken. Choose another one.",
  );
  await expect(other).toHaveURL("/sign-up");
  await other.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-up, confirmation and sign-in work, and the password never shows in a URL", async ({ page }) => {
    const urls: string[] = [];
    page.on("request", (request) => urls.push(request.url()));
    const person = newPerson("Nojs");
    const shortName = newShortName("nojs");

    await fillSignUp(page, { ...person, password: "short" }, { shortName });
    await page.getByRole("button", { name: "Create account" }).click();
    // The server's answer, rendered without scripts: the error, and what was typed (but the password).
    await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Use at least 8 characters.");
    await expect(page.getByLabel("Email")).toHaveValue(person.email);
    await expect(page.getByLabel("Password")).toHaveValue("");

    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await confirmEmail(page, person);
    await expect(page).toHaveURL(`/a/${shortName}`);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill("a wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Wrong email or password.")).toBeVisible();
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`/a/${shortName}`);

    for (const url of urls) {
      expect(url).not.toContain(encodeURIComponent(person.password).replace(/%20/g, "+"));
      expect(url).not.toContain("password=");
    }
  });
});
