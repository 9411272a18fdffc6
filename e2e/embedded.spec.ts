import { expect, test } from "@playwright/test";
import { signUp } from "./support/pages";

// The quick start's mode: no DATABASE_URL, no AUTH_SECRET, the embedded PostgreSQL (PGlite).
test("sign up and land in the account on the embedded database", async ({ page }) => {
  const { shortName, person } = await signUp(page);
  await expect(page.getByText(`Welcome, ${person.name}`)).toBeVisible();
  await page.reload();
  await expect(page).toHaveURL(`/a/${shortName}`);
});
