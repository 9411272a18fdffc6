import { expect, test } from "./support/test";
import { joinViaInvitation, openInviteDialog, openMember, signUp } from "./support/pages";
import { newPerson } from "./support/data";
import { latestEmail, linkIn } from "./support/mail";

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
  await expect(colleaguePage.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);

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

test("an invitation carries project access: the guest joins into the project, and sees no member list", async ({
  page,
  browser,
}, testInfo) => {
  const { shortName } = await signUp(page);
  await page.goto(`/a/${shortName}/projects`);
  await page.getByLabel("Name", { exact: true }).fill("Website");
  await page.getByLabel("Key").fill("WEB");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(`/a/${shortName}/projects/WEB`);

  const guest = newPerson("Gus");
  await openInviteDialog(page, shortName);
  await page.getByLabel("Email addresses").fill(guest.email);
  await page.getByRole("radio", { name: /^Guest/ }).check();
  const projects = page.getByRole("group", { name: "Projects (optional)" });
  await projects.getByRole("checkbox", { name: /Website/ }).check();
  await projects.getByLabel("Project role").selectOption("editor");
  await page.getByRole("button", { name: "Review invitations" }).click();
  await expect(page.getByText("On joining, they get editor access to Website.")).toBeVisible();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("list", { name: "Invitation results" })).toContainText("Invited");

  const link = linkIn(await latestEmail(page, testInfo, guest.email, /invited you to join/), "/invite/");
  const guestPage = await browser.newPage();
  await guestPage.goto(link);
  await expect(guestPage.getByText(/You will have access to Website \(editor\)/)).toBeVisible();
  await guestPage.getByLabel("Full name").fill(guest.name);
  await guestPage.getByLabel("Password").fill(guest.password);
  await guestPage.getByRole("button", { name: "Create user and join" }).click();
  await expect(guestPage).toHaveURL(`/a/${shortName}`);

  await guestPage.getByRole("link", { name: "Projects" }).click();
  await guestPage.getByRole("table", { name: "Projects" }).getByRole("link", { name: "Website" }).click();
  await expect(guestPage.getByText("You are editor here.")).toBeVisible();
  // A guest sees only what they were given: no member list, no roles.
  await expect(guestPage.getByRole("link", { name: "Members", exact: true })).toHaveCount(0);
  await guestPage.goto(`/a/${shortName}/members`);
  await expect(guestPage.getByRole("table", { name: "Members" })).toHaveCount(0);
  expect((await guestPage.goto(`/a/${shortName}/roles`))?.status()).toBe(404);
  await guestPage.close();
});
