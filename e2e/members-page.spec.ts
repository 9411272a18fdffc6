import { randomUUID } from "node:crypto";
import { expect, test } from "./support/test";
import { clientAddress, newClient } from "./support/clients";
import { newPerson } from "./support/data";
import { latestEmail, linkIn } from "./support/mail";
import { invitationRow, invitePeople, openInvitationsTab, signUp } from "./support/pages";

const INVITATION_SUBJECT = /invited you to join/;

test("the members page: people first, Invite people opens a dialog, invitations in a tab of their own", async ({
  page,
}) => {
  const { shortName, person } = await signUp(page);
  await page.goto(`/a/${shortName}/members`);
  const accountName = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  await expect(page).toHaveTitle(`Members · ${accountName} · Roster`);

  // The list first, with where this page sits in it.
  await expect(page.getByRole("table", { name: "Members" })).toContainText(person.email);
  await expect(page.getByRole("navigation", { name: "Pages of people" })).toContainText("1–1 of 1");
  const tabs = page.getByRole("navigation", { name: "People" });
  await expect(tabs.getByRole("link", { name: "Members" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("1 of 5 seats used · Free plan")).toBeVisible();

  const invite = page.getByRole("button", { name: "Invite people" });
  await expect(invite).toHaveAttribute("aria-haspopup", "dialog");
  const dialog = page.getByRole("dialog", { name: "Invite people" });
  await expect(dialog).toBeHidden();
  await invite.click();
  await expect(dialog).toBeVisible();
  // Cancel closes it, and focus goes back to the button.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(invite).toBeFocused();

  const invitee = newPerson("Tara");
  await invitePeople(page, shortName, [invitee.email]);
  await expect(dialog.getByRole("heading", { name: "Invitations: 1 sent" })).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  // The Invitations tab: a link with its own address, so Back and a shared link keep it.
  const tab = tabs.getByRole("link", { name: "Invitations (1)" });
  await tab.click();
  await expect(page).toHaveURL(`/a/${shortName}/members?tab=invitations`);
  await expect(tab).toHaveAttribute("aria-current", "page");
  await expect(invitationRow(page, invitee.email)).toContainText("Member");
  await expect(page.getByRole("table", { name: "Members" })).toHaveCount(0);
  await expect(page.getByText("2 of 5 seats used · Free plan")).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(`/a/${shortName}/members`);
  await expect(page.getByRole("table", { name: "Members" })).toBeVisible();
});

test("without JavaScript, Invite people opens the dialog and the form sends the invitations", async ({
  page,
  browser,
}, testInfo) => {
  const { shortName } = await signUp(page);
  const context = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    extraHTTPHeaders: { "x-forwarded-for": clientAddress() },
  });
  const noScript = await context.newPage();
  await noScript.goto(`/a/${shortName}/members`);
  await noScript.getByRole("button", { name: "Invite people" }).click();
  const dialog = noScript.getByRole("dialog", { name: "Invite people" });
  await expect(dialog).toBeVisible();
  const invitee = newPerson("Noah");
  await dialog.getByLabel("Email addresses").fill(`${invitee.email}, not-an-address`);
  await dialog.getByRole("radio", { name: /^Guest/ }).check();
  // No review step without script: the form says it sends.
  await dialog.getByRole("button", { name: "Send invitations" }).click();

  // The page comes back with the dialog open on the results.
  const results = noScript.getByRole("list", { name: "Invitation results" });
  await expect(results.getByRole("listitem").filter({ hasText: invitee.email })).toContainText("Invited");
  await expect(results.getByRole("listitem").filter({ hasText: "not-an-address" })).toContainText(
    "Not a valid email address",
  );
  await noScript.getByRole("button", { name: "Done" }).click();
  await expect(results).toBeHidden();
  const email = await latestEmail(page, testInfo, invitee.email, INVITATION_SUBJECT);
  expect(email.text).toContain("as Guest");

  // A refusal comes back inside the dialog too (on a page loaded afresh: without script the
  // results stay in the dialog until then).
  await noScript.goto(`/a/${shortName}/members`);
  await noScript.getByRole("button", { name: "Invite people" }).click();
  await noScript
    .getByRole("dialog", { name: "Invite people" })
    .getByRole("button", { name: "Send invitations" })
    .click();
  await expect(noScript.getByRole("dialog", { name: "Invite people" })).toContainText(
    "Enter at least one email address.",
  );
  await context.close();
});

test("an administrator copies a new invitation link: it works, the emailed one no longer does, and the audit log says so", async ({
  page,
  browser,
}, testInfo) => {
  const { shortName } = await signUp(page);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const invitee = newPerson("Cleo");
  await invitePeople(page, shortName, [invitee.email]);
  const emailed = linkIn(await latestEmail(page, testInfo, invitee.email, INVITATION_SUBJECT), "/invite/");

  await openInvitationsTab(page, shortName);
  const trigger = invitationRow(page, invitee.email).getByRole("button", { name: /^Copy link/ });
  await expect(trigger).toHaveAttribute("aria-haspopup", "dialog");
  await trigger.click();
  const dialog = page.getByRole("dialog", { name: "Copy the invitation link" });
  await expect(dialog).toContainText("The link already emailed to them stops working");
  await dialog.getByRole("button", { name: "Make a new link" }).click();
  const field = dialog.getByRole("textbox", { name: `Invitation link for ${invitee.email}` });
  await expect(field).toHaveValue(/\/invite\/[A-Za-z0-9_-]+$/);
  const copied = await field.inputValue();
  expect(copied).not.toBe(emailed);
  await dialog.getByRole("button", { name: "Copy" }).click();
  await expect(dialog.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(copied);
  // Shown once: closing and opening again starts over.
  await dialog.getByRole("button", { name: "Done" }).click();
  await trigger.click();
  await expect(dialog.getByRole("textbox")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  const visitor = await newClient(browser);
  const visitorPage = await visitor.newPage();
  const old = await visitorPage.goto(emailed);
  expect(old?.status()).toBe(404);
  await expect(visitorPage.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  await expect(visitorPage).toHaveTitle("Not found · Roster");
  const fresh = await visitorPage.goto(copied);
  expect(fresh?.status()).toBe(200);
  await expect(visitorPage.getByRole("heading", { name: /^Join / })).toBeVisible();
  await visitorPage.getByLabel("Full name").fill(invitee.name);
  await visitorPage.getByLabel("Password").fill(invitee.password);
  await visitorPage.getByRole("button", { name: "Create user and join" }).click();
  await expect(visitorPage).toHaveURL(new RegExp(`/a/${shortName}`));
  await visitor.close();

  await page.goto(`/a/${shortName}/audit`);
  await expect(page.getByRole("row").filter({ hasText: "Invitation link copied" })).toContainText(
    invitee.email,
  );
});

test("without JavaScript, Copy link shows the new link in the page", async ({ page, browser }) => {
  const { shortName } = await signUp(page);
  const invitee = newPerson("Nell");
  await invitePeople(page, shortName, [invitee.email]);
  const context = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    extraHTTPHeaders: { "x-forwarded-for": clientAddress() },
  });
  const noScript = await context.newPage();
  await noScript.goto(`/a/${shortName}/members?tab=invitations`);
  await invitationRow(noScript, invitee.email)
    .getByRole("button", { name: /^Copy link/ })
    .click();
  await noScript
    .getByRole("dialog", { name: "Copy the invitation link" })
    .getByRole("button", { name: "Make a new link" })
    .click();
  const field = noScript.getByRole("textbox", { name: `Invitation link for ${invitee.email}` });
  await expect(field).toHaveValue(/\/invite\/[A-Za-z0-9_-]+$/);
  // Copy needs script: without it the link is there to select.
  await expect(noScript.getByRole("button", { name: "Copy", exact: true })).toHaveCount(0);
  await context.close();
});

test("titles say where you are; unknown pages answer 404 titled Not found", async ({ page }) => {
  const { shortName, person } = await signUp(page);
  await page.goto(`/a/${shortName}`);
  const accountName = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  await expect(page).toHaveTitle(`Overview · ${accountName} · Roster`);

  await page.goto(`/a/${shortName}/members`);
  await page
    .getByRole("table", { name: "Members" })
    .getByRole("link", { name: person.name, exact: true })
    .click();
  await expect(page).toHaveTitle(`${person.name} · ${accountName} · Roster`);

  // Inside an account the 404 still says which account it is in.
  const unknownMember = await page.goto(`/a/${shortName}/members/${randomUUID()}`);
  expect(unknownMember?.status()).toBe(404);
  await expect(page).toHaveTitle(`Not found · ${accountName} · Roster`);

  const notAnId = await page.goto(`/a/${shortName}/members/not-an-id`);
  expect(notAnId?.status()).toBe(404);

  const unknownProject = await page.goto(`/a/${shortName}/projects/NOPE`);
  expect(unknownProject?.status()).toBe(404);
  await expect(page).toHaveTitle(`Not found · ${accountName} · Roster`);

  // An account the visitor is not in: nothing says it exists.
  const elsewhere = await page.goto(`/a/${shortName}-nope/members`);
  expect(elsewhere?.status()).toBe(404);
  await expect(page).toHaveTitle("Not found · Roster");

  const invalidInvitation = await page.goto(`/invite/${randomUUID()}`);
  expect(invalidInvitation?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  await expect(page).toHaveTitle("Not found · Roster");
});
