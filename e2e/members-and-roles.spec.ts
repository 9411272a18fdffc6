import fs from "node:fs";
import { expect, test } from "./support/test";
import { newPerson, newShortName } from "./support/data";
import { latestEmail, linkIn } from "./support/mail";
import { invitePeople, joinViaInvitation, openMember, signUp } from "./support/pages";

test("an owner creates a custom role and assigns it; toggling a permission changes what the member sees and may do", async ({
  page,
  browser,
}, testInfo) => {
  test.slow(); // two people, two browsers, and a role built step by step
  const { shortName } = await signUp(page, newPerson("Olga"), newShortName("roles"));
  const member = newPerson("Max");
  const memberPage = await joinViaInvitation(page, browser, testInfo, shortName, member);

  // A member cannot invite.
  await memberPage.goto(`/a/${shortName}/members`);
  await expect(memberPage.getByRole("button", { name: "Invite people" })).toHaveCount(0);

  // The owner defines "Coordinator": sees the member list and invites people.
  await page.goto(`/a/${shortName}/roles`);
  await page.getByLabel("Name").fill("Coordinator");
  await page.getByLabel("Description (optional)").fill("Brings people in");
  await page.getByRole("checkbox", { name: "Invite people" }).check();
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page.getByText("Role “Coordinator” created.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Custom roles" })).toContainText(
    "See the member list · Invite people",
  );

  // …and gives it to Max.
  await openMember(page, shortName, member.name);
  await page.getByRole("combobox", { name: "Role" }).selectOption({ label: "Coordinator" });
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText("Role changed to Coordinator.")).toBeVisible();
  await expect(page.getByRole("switch", { name: "Invite people" })).toBeChecked();

  // Max can invite now — as Guest or Coordinator, the roles whose permissions he holds.
  await memberPage.reload();
  await memberPage.getByRole("button", { name: "Invite people" }).click();
  await expect(memberPage.getByRole("dialog", { name: "Invite people" })).toBeVisible();
  await expect(memberPage.getByRole("radio")).toHaveCount(2);
  await expect(memberPage.getByRole("radio", { name: /^Guest/ })).toBeVisible();
  await expect(memberPage.getByRole("radio", { name: /^Coordinator/ })).toBeVisible();

  // The owner withdraws "Invite people" from Max alone.
  await page.getByRole("switch", { name: "Invite people" }).click();
  await page.getByRole("button", { name: "Save permissions" }).click();
  await expect(page.getByText("Saved. Withdrawn: Invite people.")).toBeVisible();
  await expect(
    page
      .getByRole("list", { name: "Permissions" })
      .getByRole("listitem")
      .filter({ hasText: "Invite people" }),
  ).toContainText("Withdrawn for this member");

  // Max's open dialog still shows the form, but the server now refuses.
  await memberPage.getByLabel("Email addresses").fill(newPerson("Zoe").email);
  await memberPage.getByRole("button", { name: "Review invitations" }).click();
  await memberPage.getByRole("button", { name: "Send invitation" }).click();
  await expect(
    memberPage.getByRole("alert").filter({ hasText: "You don't have permission to do this (invite people)" }),
  ).toBeVisible();
  await memberPage.reload();
  await expect(memberPage.getByRole("button", { name: "Invite people" })).toHaveCount(0);

  // Reset brings back the role's default.
  await page.getByRole("button", { name: "Reset Invite people to the role default" }).click();
  await page.getByRole("button", { name: "Save permissions" }).click();
  await expect(page.getByText("Saved. Back to the role's default: Invite people.")).toBeVisible();
  await memberPage.close();
});

test("a removed member's open page stops working at their next click", async ({
  page,
  browser,
}, testInfo) => {
  const { shortName } = await signUp(page);
  const member = newPerson("Rob");
  const memberPage = await joinViaInvitation(page, browser, testInfo, shortName, member, "Member");
  await memberPage.getByRole("link", { name: "Members" }).click();
  await expect(memberPage.getByRole("table", { name: "Members" })).toBeVisible();

  await openMember(page, shortName, member.name);
  await page.getByRole("button", { name: "Remove from account" }).click();
  const dialog = page.getByRole("dialog", { name: `Remove ${member.name}?` });
  await expect(dialog).toContainText("Nothing they created is deleted.");
  await dialog.getByRole("button", { name: `Remove ${member.name}` }).click();
  await expect(page).toHaveURL(`/a/${shortName}/members`);
  await expect(page.getByRole("table", { name: "Members" })).not.toContainText(member.email);

  await memberPage.getByRole("link", { name: "Roles" }).click();
  await expect(memberPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await memberPage.goto("/");
  await expect(memberPage.getByRole("heading", { name: "You're not in any account yet" })).toBeVisible();
  await memberPage.close();
});

test("the owner transfers ownership, confirming with their password; both are told by email", async ({
  page,
  browser,
}, testInfo) => {
  const owner = newPerson("Otto");
  const { shortName } = await signUp(page, owner);
  const next = newPerson("Nia");
  const nextPage = await joinViaInvitation(page, browser, testInfo, shortName, next, "Administrator");

  await openMember(page, shortName, next.name);
  await page.getByRole("button", { name: "Make owner" }).click();
  const dialog = page.getByRole("dialog", { name: `Transfer ownership to ${next.name}?` });
  await dialog.getByLabel("Your password").fill("not my password");
  await dialog.getByRole("button", { name: "Transfer ownership" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("That is not your current password.");
  await dialog.getByLabel("Your password").fill(owner.password);
  await dialog.getByRole("button", { name: "Transfer ownership" }).click();
  await expect(page.getByRole("region", { name: /Notifications/ })).toContainText(
    `${next.name} is now the owner.`,
  );
  await expect(page.getByRole("button", { name: "Make owner" })).toHaveCount(0);

  await page.goto(`/a/${shortName}`);
  await expect(page.getByText("You are Administrator of")).toBeVisible();
  await nextPage.reload();
  await expect(nextPage.getByText("You are Owner of")).toBeVisible();
  for (const person of [owner, next]) {
    const email = await latestEmail(page, testInfo, person.email, /^Ownership of/);
    expect(email.text).toMatch(/transferred ownership of/);
  }
  // The former owner may not remove the new one.
  await openMember(page, shortName, next.name);
  await expect(page.getByRole("button", { name: "Remove from account" })).toHaveCount(0);
  await nextPage.close();
});

test("the member list searches and sorts on the server", async ({ page, browser }, testInfo) => {
  const { shortName } = await signUp(page, newPerson("Alma"));
  const zed = newPerson("Zed");
  (await joinViaInvitation(page, browser, testInfo, shortName, zed, "Guest")).close();

  await page.goto(`/a/${shortName}/members`);
  const table = page.getByRole("table", { name: "Members" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await page.getByRole("searchbox", { name: "Search members" }).fill("zed");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText(zed.email);

  await page.goto(`/a/${shortName}/members?sort=joined`);
  await expect(table.getByRole("row").nth(1)).toContainText(zed.name);
  await table.getByRole("link", { name: "Role" }).click();
  await expect(page).toHaveURL(`/a/${shortName}/members?sort=role`);
  await expect(table.getByRole("row").nth(1)).toContainText("Owner");

  // Filters are in the URL too, and keep the sort.
  await page.getByRole("search").getByLabel("Role").selectOption("Guest");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(`/a/${shortName}/members?sort=role&role=guest`);
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText(zed.email);
  await expect(page.getByRole("heading", { name: /Members \(1 matching\)/ })).toBeVisible();
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(table.getByRole("row")).toHaveCount(3);

  // The export holds everyone, whatever the search: filter first, then download.
  await page.goto(`/a/${shortName}/members?q=zed`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /Export CSV/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^${shortName}-people-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
  );
  const csv = fs.readFileSync(await download.path(), "utf8");
  expect(csv.startsWith("\uFEFFName,User name,")).toBe(true);
  expect(csv).toContain(zed.email);
  expect(csv).toContain("Alma");
  expect(csv.trimEnd().split("\r\n")).toHaveLength(3);
});

test("an administrator disables a member's access and enables it again, and sends them a password reset", async ({
  page,
  browser,
}, testInfo) => {
  test.slow(); // two people, two browsers, and emails to wait for
  const { shortName } = await signUp(page);
  const member = newPerson("Dora");
  const memberPage = await joinViaInvitation(page, browser, testInfo, shortName, member, "Member");

  await openMember(page, shortName, member.name);
  await page.getByRole("button", { name: "Disable access" }).click();
  await page
    .getByRole("dialog", { name: `Disable ${member.name}'s access?` })
    .getByRole("button", { name: "Disable access" })
    .click();
  await expect(page.getByText("Access disabled").first()).toBeVisible();

  // Her next click lands on her accounts, which say why.
  await memberPage.getByRole("link", { name: "Projects" }).click();
  await expect(memberPage).toHaveURL(`/accounts?disabled=${shortName}`);
  await expect(memberPage.getByText(/has disabled your access to it/)).toBeVisible();

  // The list hides her until asked to show the disabled; then she is there, greyed.
  await page.goto(`/a/${shortName}/members`);
  const rowOfHers = page
    .getByRole("table", { name: "Members" })
    .getByRole("row")
    .filter({ hasText: member.email });
  await expect(rowOfHers).toHaveCount(0);
  await page.getByRole("checkbox", { name: "Show disabled" }).check();
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/disabled=1/);
  await expect(rowOfHers).toContainText("Disabled");
  // Enabling gives her the account back as it was.
  await rowOfHers.getByRole("link", { name: member.name, exact: true }).click();
  await page.getByRole("button", { name: "Enable access" }).click();
  await page
    .getByRole("dialog", { name: `Enable ${member.name}'s access?` })
    .getByRole("button", { name: "Enable access" })
    .click();
  await expect(page.getByRole("button", { name: "Disable access" })).toBeVisible();
  await memberPage.goto(`/a/${shortName}/projects`);
  await expect(memberPage).toHaveURL(`/a/${shortName}/projects`);

  // A forced reset signs her out everywhere; the emailed link lets her back in.
  await page.getByRole("button", { name: "Force password reset" }).click();
  await page
    .getByRole("dialog", { name: `Force ${member.name} to choose a new password?` })
    .getByRole("button", { name: "Force password reset" })
    .click();
  await expect(page.getByRole("region", { name: /Notifications/ })).toContainText("signed out everywhere");
  const email = await latestEmail(page, testInfo, member.email, /Reset your Roster password/);
  expect(email.text).toContain("asked you to choose a new password");
  await memberPage.reload();
  await expect(memberPage).toHaveURL(/\/sign-in/);
  await memberPage.close();
});

test("with approval required, a newcomer waits until an administrator approves them", async ({
  page,
  browser,
}, testInfo) => {
  test.slow(); // two people, two browsers, and an email to wait for
  const { shortName } = await signUp(page);
  await page.goto(`/a/${shortName}/settings`);
  await page.getByRole("button", { name: "Require approval of new people" }).click();
  await expect(page.getByRole("button", { name: "Stop requiring approval" })).toBeVisible();

  const newcomer = newPerson("Nell");
  await invitePeople(page, shortName, [newcomer.email], "Member");
  const link = linkIn(await latestEmail(page, testInfo, newcomer.email, /invited you to join/), "/invite/");
  const newcomerPage = await browser.newPage();
  await newcomerPage.goto(link);
  await newcomerPage.getByLabel("Full name").fill(newcomer.name);
  await newcomerPage.getByLabel("Password").fill(newcomer.password);
  await newcomerPage.getByRole("button", { name: "Create user and join" }).click();
  await expect(newcomerPage).toHaveURL(`/accounts?awaiting=${shortName}`);
  await expect(newcomerPage.getByText(/waits for an administrator's approval/)).toBeVisible();

  await page.goto(`/a/${shortName}/members`);
  await expect(
    page.getByRole("table", { name: "Members" }).getByRole("row").filter({ hasText: newcomer.email }),
  ).toContainText("Awaiting approval");
  await openMember(page, shortName, newcomer.name);
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await page
    .getByRole("dialog", { name: `Approve ${newcomer.name}?` })
    .getByRole("button", { name: `Approve ${newcomer.name}` })
    .click();
  await expect(page.getByText(/^Approved by /)).toBeVisible();

  await newcomerPage.goto(`/a/${shortName}`);
  await expect(newcomerPage).toHaveURL(`/a/${shortName}`);
  await expect(newcomerPage.getByText("You are Member of")).toBeVisible();
  await newcomerPage.close();
});
