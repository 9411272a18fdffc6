import { expect, test } from "./support/test";
import { newPerson, PASSWORD } from "./support/data";
import { latestEmail, linkIn } from "./support/mail";
import { openMember, signUp } from "./support/pages";

test("an administrator adds a person directly; the welcome link lets them choose a password and sign in", async ({
  page,
  browser,
}, testInfo) => {
  const { person: owner, shortName } = await signUp(page, newPerson("Olga"));
  const nora = newPerson("Nora");

  await page.goto(`/a/${shortName}/members`);
  await page.getByRole("link", { name: "New user" }).click();
  await expect(page).toHaveURL(`/a/${shortName}/members/new`);
  await page.getByLabel("Full name").fill(nora.name);
  await page.getByLabel("Email", { exact: true }).fill(nora.email);
  await page.getByLabel("Company (optional)").fill("Analytical Engines");
  await page.getByRole("radio", { name: /Guest/ }).check();
  await page.getByLabel("Subject (optional)").fill("Your login at Analytical Engines");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`${nora.name} was added.`)).toBeVisible();

  // The person gets the welcome email and chooses a password in their own browser.
  const welcome = await latestEmail(page, testInfo, nora.email, /Your login at Analytical Engines/);
  expect(welcome.text).toContain("expires in 3 hours");
  const noraPage = await browser.newPage();
  await noraPage.goto(linkIn(welcome, "/set-password/"));
  await expect(noraPage.getByRole("heading", { name: "Welcome to Roster" })).toBeVisible();
  await noraPage.getByLabel("New password").fill(PASSWORD);
  await noraPage.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(noraPage).toHaveURL(`/a/${shortName}`);
  await expect(noraPage.getByText("You are Guest of")).toBeVisible();
  await noraPage.close();

  // The table shows them, with who added them.
  await page.goto(`/a/${shortName}/members?q=${encodeURIComponent("analytical")}`);
  const row = page.getByRole("table", { name: "Members" }).getByRole("row").filter({ hasText: nora.email });
  await expect(row).toContainText("Analytical Engines");
  await expect(row).toContainText(owner.name);

  // An address that already has a user is invited, not taken over.
  await page.goto(`/a/${shortName}/members/new`);
  await page.getByLabel("Full name").fill("Someone Else");
  await page.getByLabel("Email", { exact: true }).fill(owner.email);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(/is already a member of this account/)).toBeVisible();
});

test("an administrator edits the details of a person the account created, then deletes their user", async ({
  page,
}) => {
  const { shortName } = await signUp(page, newPerson("Olga"));
  const nora = newPerson("Nora");

  await page.goto(`/a/${shortName}/members/new`);
  await page.getByLabel("Full name").fill(nora.name);
  await page.getByLabel("Email", { exact: true }).fill(nora.email);
  await page.getByLabel("Company (optional)").fill("Analytical Engines");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`${nora.name} was added.`)).toBeVisible();

  // The account created her user and she belongs nowhere else: her details are editable here.
  await openMember(page, shortName, nora.name);
  const company = page.getByLabel("Company (optional)");
  await expect(company).toHaveValue("Analytical Engines");
  await company.fill("Difference Engines");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText(`${nora.name}'s details were saved.`)).toBeVisible();

  await page.goto(`/a/${shortName}/members`);
  const row = page.getByRole("table", { name: "Members" }).getByRole("row").filter({ hasText: nora.email });
  await expect(row).toContainText("Difference Engines");

  // Deleting her user asks first, naming her.
  await openMember(page, shortName, nora.name);
  await page.getByRole("button", { name: "Delete user" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${nora.name}?` });
  await expect(dialog).toContainText(nora.email);
  await expect(dialog).toContainText("This cannot be undone.");
  await expect(dialog).toContainText("What they created, such as projects and repositories, stays.");
  await dialog.getByRole("button", { name: `Delete ${nora.name}` }).click();
  await expect(page).toHaveURL(`/a/${shortName}/members`);
  await expect(page.getByRole("table", { name: "Members" })).not.toContainText(nora.email);
});
