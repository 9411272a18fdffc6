import { expect, test } from "./support/test";
import { joinViaInvitation, openMember, signUp } from "./support/pages";
import { newPerson } from "./support/data";

test("projects: create one, give a member access, and they see only what they were given", async ({
  page,
  browser,
}, testInfo) => {
  const { shortName } = await signUp(page);
  await page.getByRole("link", { name: "Projects" }).click();
  await expect(page).toHaveURL(`/a/${shortName}/projects`);
  // A new account starts with a project of its own.
  await expect(page.getByRole("table", { name: "Projects" }).getByRole("row")).toHaveCount(2);

  await page.getByLabel("Name", { exact: true }).fill("Website");
  await page.getByLabel("Key").fill("web");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(`/a/${shortName}/projects/WEB`);
  await expect(page.getByRole("heading", { name: /Website/ })).toBeVisible();

  const colleague = newPerson("Colleague");
  const colleaguePage = await joinViaInvitation(page, browser, testInfo, shortName, colleague, "Guest");
  const response = await colleaguePage.goto(`/a/${shortName}/projects/WEB`);
  expect(response?.status()).toBe(404);

  await page.goto(`/a/${shortName}/projects/WEB`);
  await page.getByLabel("Email of a member").fill(colleague.email);
  await page.getByLabel("Project role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Give access" }).click();
  await expect(page.getByText(`${colleague.name} has access now.`)).toBeVisible();
  await expect(page.locator(`tr[data-project-member="${colleague.email}"]`)).toBeVisible();

  await colleaguePage.goto(`/a/${shortName}/projects`);
  const rows = colleaguePage.getByRole("table", { name: "Projects" }).getByRole("row");
  await expect(rows).toHaveCount(2);
  await rows.getByRole("link", { name: "Website" }).click();
  await expect(colleaguePage).toHaveURL(`/a/${shortName}/projects/WEB`);
  // A viewer sees who has access but changes nothing.
  await expect(colleaguePage.getByRole("button", { name: "Give access" })).toHaveCount(0);
  await expect(colleaguePage.getByRole("button", { name: "Save" })).toHaveCount(0);

  // From the member's page, more projects in one step.
  await openMember(page, shortName, colleague.name);
  const access = page.getByRole("list", { name: "Project access" });
  await expect(access.getByRole("listitem")).toHaveCount(1);
  await page
    .getByRole("group", { name: "Grant access to more projects" })
    .getByRole("checkbox")
    .first()
    .check();
  await page.getByRole("button", { name: "Give access" }).click();
  // The project joins their list (and, the last one to give, leaves the form).
  await expect(access.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByRole("group", { name: "Grant access to more projects" })).toHaveCount(0);

  // Deleting asks for the project's name.
  await page.goto(`/a/${shortName}/projects/WEB`);
  await page.getByLabel("Type Website to confirm").fill("Web");
  await page.getByRole("button", { name: "Delete project" }).click();
  await expect(page.getByLabel("Type Website to confirm")).toHaveAccessibleDescription(
    /Type the project's name/,
  );
  await page.getByLabel("Type Website to confirm").fill("Website");
  await page.getByRole("button", { name: "Delete project" }).click();
  await expect(page).toHaveURL(`/a/${shortName}/projects`);
  await colleaguePage.goto(`/a/${shortName}/projects`);
  await expect(rows).toHaveCount(2);
  await expect(rows.getByRole("link", { name: "Website" })).toHaveCount(0);
  await colleaguePage.close();
});
