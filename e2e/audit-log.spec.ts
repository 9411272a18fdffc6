import { expect, test } from "./support/test";
import { newPerson, newShortName } from "./support/data";
import { signUp } from "./support/pages";

test("the owner reads the audit log and filters it by action", async ({ page }) => {
  const { person, shortName } = await signUp(page, newPerson("Olga"), newShortName("audit"));

  // Creating the account recorded it (and its first project).
  await page.getByRole("link", { name: "Audit log", exact: true }).click();
  await expect(page).toHaveURL(`/a/${shortName}/audit`);
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const table = page.getByRole("table", { name: /Audit log events/ });
  await expect(table.getByText("Account created", { exact: true })).toBeVisible();
  await expect(table.getByText(person.email).first()).toBeVisible();

  // Only one kind of event: a URL to share, and nothing else in it.
  await page.getByRole("combobox", { name: "Action" }).selectOption({ label: "Project created" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(`/a/${shortName}/audit?action=project.created`);
  await expect(table.getByText("Project created", { exact: true })).toBeVisible();
  await expect(table.getByText("Account created", { exact: true })).toHaveCount(0);

  // A filter nothing matches says so.
  await page.goto(`/a/${shortName}/audit?action=role.deleted`);
  await expect(page.getByText("No events match these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(`/a/${shortName}/audit`);
  await expect(table.getByText("Account created", { exact: true })).toBeVisible();
});
