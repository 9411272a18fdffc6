import { expect, test } from "./support/test";
import { newPerson } from "./support/data";
import { joinViaInvitation, openMember, signUp } from "./support/pages";

test("an owner logs in as a member with a reason, sees the banner everywhere, and stops on the same page", async ({
  page,
  browser,
}, testInfo) => {
  const { person: owner, shortName } = await signUp(page, newPerson("Olga"));
  const max = newPerson("Max");
  (await joinViaInvitation(page, browser, testInfo, shortName, max)).close();

  await openMember(page, shortName, max.name);
  await page.getByRole("button", { name: `Log in as ${max.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Log in as ${max.name}?` });
  await expect(dialog.getByRole("button", { name: `Log in as ${max.name}` })).toBeDisabled();
  await dialog.getByLabel("Why do you need to act as them?").fill("Max cannot find the project list");
  await dialog.getByRole("button", { name: `Log in as ${max.name}` }).click();

  // As Max, in this account, with a banner on every page.
  await expect(page).toHaveURL(`/a/${shortName}`);
  const banner = page.getByRole("region", { name: "Acting as" });
  await expect(banner).toContainText(`You are acting as ${max.name}`);
  await expect(page.getByText("You are Member of")).toBeVisible();
  await page.getByRole("link", { name: "Projects", exact: true }).click();
  await expect(banner).toBeVisible();
  // Max's own profile is not the administrator's to open.
  await page.goto("/profile");
  await expect(page).toHaveURL(`/a/${shortName}`);

  // Stop: back to the owner's own session, on the same page.
  await page.goto(`/a/${shortName}/projects`);
  await banner.getByRole("button", { name: `Stop acting as ${max.name}` }).click();
  await expect(banner).toHaveCount(0);
  await expect(page).toHaveURL(`/a/${shortName}/projects`);
  await expect(page.getByRole("banner").getByRole("link", { name: owner.name })).toBeVisible();
  await page.goto(`/a/${shortName}`);
  await expect(page.getByText("You are Owner of")).toBeVisible();
});
