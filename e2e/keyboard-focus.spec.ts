import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { newPerson } from "./support/data";
import {
  invitationRow,
  invitePeople,
  joinViaInvitation,
  openInvitationsTab,
  openMember,
  signUp,
} from "./support/pages";

// Someone using only a keyboard: after every action, focus lands where they expect (the new
// step's heading, the control they pressed or changed), never back on the page's <body>, and
// what happened is said (a toast, or a live region that was there before the text).

/** The element that has the focus is not the page itself. */
async function expectFocusKept(page: Page) {
  expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe("BODY");
}

/** The toasts' region; each toast is an item in it. */
const toasts = (page: Page) => page.getByRole("region", { name: /Notifications/ });

test("a new account's home shows the first steps, ticked as they are taken", async ({ page }) => {
  const { shortName } = await signUp(page);
  const start = page.getByRole("region", { name: "Get started" });
  await expect(start.getByRole("link", { name: "Invite people" })).toBeVisible();
  await expect(start.getByRole("link", { name: "Create a project" })).toBeVisible();
  await expect(start.getByRole("link", { name: "Set up two-factor authentication" })).toHaveAttribute(
    "href",
    "/profile/two-factor",
  );
  await expect(start).toContainText("3 steps left");

  await invitePeople(page, shortName, [newPerson("Ida").email]);
  await page.goto(`/a/${shortName}`);
  await expect(start.getByRole("link", { name: "Invite people" })).toHaveCount(0);
  await expect(start).toContainText("Invite people (done)");
  await expect(start).toContainText("2 steps left");
});

test("inviting by keyboard: each step's heading takes the focus, and the results are announced", async ({
  page,
}) => {
  const { shortName } = await signUp(page);
  await page.goto(`/a/${shortName}/members`);
  const trigger = page.getByRole("button", { name: "Invite people" });
  await trigger.focus();
  await page.keyboard.press("Enter");
  const emails = page.getByLabel("Email addresses");
  await expect(emails).toBeFocused();
  await emails.fill(newPerson("Kai").email);
  await page.getByRole("button", { name: "Review invitations" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Invite 1 person as Member?" })).toBeFocused();

  await page.getByRole("button", { name: "Send invitation" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Invitations: 1 sent" })).toBeFocused();
  // The live region was in the page, empty, before the results were put in it.
  await expect(page.getByRole("dialog").getByRole("status").first()).toHaveText("Invitations: 1 sent");

  await page.getByRole("button", { name: "Invite more people" }).focus();
  await page.keyboard.press("Enter");
  await expect(emails).toBeFocused();
});

test("Resend keeps the focus on its button and says it was sent", async ({ page }) => {
  const { shortName } = await signUp(page);
  const email = newPerson("Lea").email;
  await invitePeople(page, shortName, [email]);
  await page.goto(`/a/${shortName}/members?tab=invitations`);
  const resend = invitationRow(page, email).getByRole("button", { name: "Resend" });
  await resend.focus();
  await page.keyboard.press("Enter");
  await expect(invitationRow(page, email).getByRole("status")).toHaveText("Sent again");
  await expect(resend).toBeFocused();
});

test("changing a role and permissions keeps the focus on what was changed; the toast can be dismissed", async ({
  page,
  browser,
}, testInfo) => {
  test.slow(); // two people
  const { shortName } = await signUp(page);
  const member = newPerson("Mo");
  const memberPage = await joinViaInvitation(page, browser, testInfo, shortName, member);
  await memberPage.close();
  await openMember(page, shortName, member.name);

  const role = page.getByRole("combobox", { name: "Role" });
  await role.selectOption({ label: "Administrator" });
  await page.getByRole("button", { name: "Change role" }).focus();
  await page.keyboard.press("Enter");
  const toast = toasts(page).getByRole("listitem").filter({ hasText: "Role changed to Administrator." });
  await expect(toast).toBeVisible();
  await expect(role).toBeFocused();

  // The toast goes when dismissed.
  await toast.getByRole("button", { name: "Dismiss" }).click();
  await expect(toast).toHaveCount(0);

  const invite = page.getByRole("switch", { name: "Invite people" });
  await invite.focus();
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "Save permissions" }).focus();
  await page.keyboard.press("Enter");
  await expect(toasts(page)).toContainText("Saved. Withdrawn: Invite people.");
  await expect(invite).toBeFocused();
});

test("creating and editing a role: focus stays on the button, goes into the form, and back to Edit", async ({
  page,
}) => {
  const { shortName } = await signUp(page);
  await page.goto(`/a/${shortName}/roles`);
  await page.getByLabel("Name").fill("Helper");
  const create = page.getByRole("button", { name: "Create role" });
  await create.focus();
  await page.keyboard.press("Enter");
  await expect(toasts(page)).toContainText("Role “Helper” created.");
  await expectFocusKept(page);
  await expect(create).toBeFocused();

  const card = page.locator('[data-role="Helper"]');
  const edit = card.getByRole("button", { name: "Edit" });
  await edit.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("input:focus")).toHaveValue("Helper");
  await page.getByRole("button", { name: "Cancel" }).focus();
  await page.keyboard.press("Enter");
  await expect(edit).toBeFocused();
});

test("saving the profile and the account's settings keeps the focus; a switch replaced by its opposite hands it on", async ({
  page,
}) => {
  const { shortName } = await signUp(page);
  await page.goto("/profile");
  await page.getByLabel("Company (optional)").fill("Analytical Engines");
  const saveProfile = page.getByRole("button", { name: "Save profile" });
  await saveProfile.focus();
  await page.keyboard.press("Enter");
  await expect(toasts(page)).toContainText("Profile saved.");
  await expect(saveProfile).toBeFocused();

  await page.goto(`/a/${shortName}/settings`);
  await page.getByLabel("Display name").fill("Focus Team");
  const save = page.getByRole("button", { name: "Save", exact: true });
  await save.focus();
  await page.keyboard.press("Enter");
  await expect(toasts(page)).toContainText("Saved.");
  await expect(save).toBeFocused();

  // The approval form is a new form once the setting changes: its button takes the focus.
  await page.getByRole("button", { name: "Require approval of new people" }).focus();
  await page.keyboard.press("Enter");
  await expect(toasts(page)).toContainText("New people now need approval");
  await expect(page.getByRole("button", { name: "Stop requiring approval" })).toBeFocused();
});

test("revoking invitations: the focus goes to the next row's Revoke, then to the list's heading", async ({
  page,
}) => {
  const { shortName } = await signUp(page);
  await invitePeople(page, shortName, [newPerson("Pia").email, newPerson("Quin").email]);
  await openInvitationsTab(page, shortName);
  const rows = page.locator("tr[data-invitation]");
  await expect(rows).toHaveCount(2);
  const [first, second] = (await rows.evaluateAll((list) =>
    list.map((row) => row.getAttribute("data-invitation")),
  )) as [string, string];

  const revoke = async (email: string) => {
    await invitationRow(page, email).getByRole("button", { name: "Revoke" }).focus();
    await page.keyboard.press("Enter");
    await page
      .getByRole("dialog", { name: "Revoke this invitation?" })
      .getByRole("button", { name: "Revoke invitation" })
      .focus();
    await page.keyboard.press("Enter");
    await expect(invitationRow(page, email)).toHaveCount(0);
  };
  await revoke(first);
  await expect(invitationRow(page, second).getByRole("button", { name: "Revoke" })).toBeFocused();
  await revoke(second);
  await expect(page.getByRole("heading", { name: "Invitations" })).toBeFocused();
});

test("removing a member: the member list opens with the focus on its content", async ({
  page,
  browser,
}, testInfo) => {
  test.slow(); // two people
  const { shortName } = await signUp(page);
  const member = newPerson("Rui");
  (await joinViaInvitation(page, browser, testInfo, shortName, member)).close();
  await openMember(page, shortName, member.name);
  await page.getByRole("button", { name: "Remove from account" }).focus();
  await page.keyboard.press("Enter");
  await page
    .getByRole("dialog", { name: `Remove ${member.name}?` })
    .getByRole("button", { name: `Remove ${member.name}` })
    .focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/a/${shortName}/members`);
  await expect(page.getByRole("table", { name: "Members" })).not.toContainText(member.email);
  await expect(page.getByRole("main")).toBeFocused();
});

test("accepting an invitation says “You joined …”, once", async ({ page, browser }, testInfo) => {
  const { shortName } = await signUp(page);
  const memberPage = await joinViaInvitation(page, browser, testInfo, shortName, newPerson("Noa"));
  await expect(toasts(memberPage)).toContainText("You joined");
  await expect(memberPage).toHaveURL(`/a/${shortName}`);
  await memberPage.reload();
  await expect(memberPage.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(memberPage.getByText("You joined")).toHaveCount(0);
  await memberPage.close();
});

test("without JavaScript, “You joined …” is a notice in the page", async ({ page, browser }) => {
  const { shortName } = await signUp(page);
  const context = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const noScript = await context.newPage();
  await noScript.goto(`/a/${shortName}?joined=1`);
  await expect(noScript.getByRole("status").filter({ hasText: "You joined" })).toBeVisible();
  await context.close();
});
