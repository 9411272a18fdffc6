import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { newPerson } from "./support/data";
import { makeOperator } from "./support/operator";
import { joinViaInvitation, openMember, signIn, signUp } from "./support/pages";

// Confirmations ("Remove Nora?") are a native <dialog> opened by an invoker command, holding
// a form that POSTs to the action: they work before and without JavaScript. The no-script
// browsers here are the same signed-in person as `page`, with scripts turned off.

async function withoutScripts(browser: Browser, page: Page): Promise<Page> {
  const context = await browser.newContext({
    storageState: await page.context().storageState(),
    javaScriptEnabled: false,
  });
  return context.newPage();
}

test("without JavaScript: disable a member's access, remove them, delete a role", async ({
  page,
  browser,
}, testInfo) => {
  test.slow(); // two people, two browsers, emails to wait for
  const { shortName } = await signUp(page);
  const member = newPerson("Nora");
  const memberPage = await joinViaInvitation(page, browser, testInfo, shortName, member);
  await memberPage.close();
  await page.goto(`/a/${shortName}/roles`);
  await page.getByLabel("Name").fill("Auditor");
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page.locator('[data-role="Auditor"]')).toBeVisible();

  const plain = await withoutScripts(browser, page);
  await openMember(plain, shortName, member.name);

  // A POST that answers with the same page: it says what happened.
  await plain.getByRole("button", { name: "Disable access" }).click();
  const disable = plain.getByRole("dialog", { name: `Disable ${member.name}'s access?` });
  await expect(disable).toBeVisible();
  await disable.getByRole("button", { name: "Disable access" }).click();
  // The button that posted is gone (Disable became Enable): the page itself says what happened.
  await expect(plain.getByText(`${member.name}'s access was disabled`)).toBeVisible();
  await expect(plain.getByRole("button", { name: "Enable access" })).toBeVisible();
  await expect(plain.getByRole("dialog")).toHaveCount(0);

  // Cancel closes without posting.
  await plain.getByRole("button", { name: "Remove from account" }).click();
  const remove = plain.getByRole("dialog", { name: `Remove ${member.name}?` });
  await remove.getByRole("button", { name: "Cancel" }).click();
  await expect(remove).toBeHidden();

  // A POST whose action redirects: to the member list, without her (the disabled shown too).
  await plain.getByRole("button", { name: "Remove from account" }).click();
  await remove.getByRole("button", { name: `Remove ${member.name}` }).click();
  await expect(plain).toHaveURL(`/a/${shortName}/members`);
  await plain.goto(`/a/${shortName}/members?disabled=1`);
  await expect(plain.getByRole("table", { name: "Members" })).not.toContainText(member.email);

  // A choice inside the dialog posts with it.
  await plain.goto(`/a/${shortName}/roles`);
  await plain.locator('[data-role="Auditor"]').getByRole("button", { name: "Delete" }).click();
  await plain
    .getByRole("dialog", { name: "Delete the role “Auditor”?" })
    .getByRole("button", { name: "Delete role" })
    .click();
  await expect(plain.locator('[data-role="Auditor"]')).toHaveCount(0);
  await plain.context().close();
});

test("without JavaScript: make another member the owner, a wrong password answered in the dialog", async ({
  page,
  browser,
}, testInfo) => {
  test.slow(); // two people, two browsers, emails to wait for
  const owner = newPerson("Olaf");
  const { shortName } = await signUp(page, owner);
  const next = newPerson("Nell");
  (await joinViaInvitation(page, browser, testInfo, shortName, next, "Administrator")).close();

  const plain = await withoutScripts(browser, page);
  await openMember(plain, shortName, next.name);
  await plain.getByRole("button", { name: "Make owner" }).click();
  const dialog = plain.getByRole("dialog", { name: `Transfer ownership to ${next.name}?` });
  await dialog.getByLabel("Your password").fill("not my password");
  await dialog.getByRole("button", { name: "Transfer ownership" }).click();
  // The page comes back with the dialog shown and the reason in it.
  await expect(dialog.getByRole("alert")).toHaveText("That is not your current password.");
  await dialog.getByLabel("Your password").fill(owner.password);
  await dialog.getByRole("button", { name: "Transfer ownership" }).click();
  await expect(plain.getByRole("status").filter({ hasText: `${next.name} is now the owner.` })).toBeVisible();
  await expect(plain.getByRole("button", { name: "Make owner" })).toHaveCount(0);
  await plain.context().close();
});

test("without JavaScript: sign out another session from the profile", async ({ page, browser }) => {
  const { person, shortName } = await signUp(page);
  const laptop = await browser.newContext({
    userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  });
  const laptopPage = await laptop.newPage();
  await signIn(laptopPage, person.email, person.password);
  await expect(laptopPage).toHaveURL(`/a/${shortName}`);

  const plain = await withoutScripts(browser, page);
  await plain.goto("/profile");
  const sessions = plain.getByRole("list", { name: "Sessions" }).getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  await plain.getByRole("button", { name: "Sign out Firefox on Linux" }).click();
  await expect(sessions).toHaveCount(1);

  await laptopPage.goto(`/a/${shortName}`);
  await expect(laptopPage).toHaveURL(/\/sign-in/);
  await laptop.close();
  await plain.context().close();
});

test("with JavaScript: Cancel and Escape close the dialog and give focus back; a refusal shows inside it", async ({
  page,
  browser,
}, testInfo) => {
  test.slow(); // two people, two browsers, emails to wait for
  const { shortName } = await signUp(page);
  const member = newPerson("Nils");
  const memberPage = await joinViaInvitation(page, browser, testInfo, shortName, member);
  await memberPage.close();
  await openMember(page, shortName, member.name);

  const trigger = page.getByRole("button", { name: "Remove from account" });
  const dialog = page.getByRole("dialog", { name: `Remove ${member.name}?` });
  await trigger.click();
  await expect(dialog).toBeVisible();
  await expect(trigger).toHaveAttribute("aria-haspopup", "dialog");
  // Focus is inside the dialog while it is open.
  expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();

  await trigger.press("Enter");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();

  // Someone else removed her meanwhile: the dialog stays open and says why.
  const other = await browser.newPage({ storageState: await page.context().storageState() });
  await openMember(other, shortName, member.name);
  await other.getByRole("button", { name: "Remove from account" }).click();
  await other
    .getByRole("dialog", { name: `Remove ${member.name}?` })
    .getByRole("button", { name: `Remove ${member.name}` })
    .click();
  await expect(other).toHaveURL(`/a/${shortName}/members`);
  await other.close();

  await trigger.click();
  await dialog.getByRole("button", { name: `Remove ${member.name}` }).click();
  await expect(dialog.getByRole("alert")).toContainText("not a member of this account");
  await expect(dialog).toBeVisible();
  // Closed and opened again, the dialog starts clean.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await trigger.click();
  await expect(dialog.getByRole("alert")).toHaveCount(0);
});

test("the console: an operator disables a user without JavaScript; a refused delete says why in its dialog", async ({
  page,
  browser,
}) => {
  test.skip(!process.env.E2E_DATABASE_URL, "needs the run's PostgreSQL database to make an operator");
  test.slow(); // two people and the make-operator script
  const { person: operator } = await signUp(page, newPerson("Opal"));
  makeOperator(operator.email);
  const timContext = await browser.newContext();
  const { person: tim } = await signUp(await timContext.newPage(), newPerson("Tim"));
  await timContext.close();

  const plain = await withoutScripts(browser, page);
  await plain.goto(`/admin?q=${encodeURIComponent(tim.email)}`);
  const row = plain.locator(`tr[data-user-email="${tim.email}"]`);
  await row.getByRole("button", { name: "Disable", exact: true }).click();
  await plain
    .getByRole("dialog", { name: `Disable ${tim.name}?` })
    .getByRole("button", { name: `Disable ${tim.name}` })
    .click();
  await expect(row).toContainText("Disabled");
  await expect(row.getByRole("button", { name: "Enable", exact: true })).toBeVisible();

  // Tim owns an account, so he cannot be deleted: without scripts the page comes back with
  // the dialog shown and the reason in it…
  await row.getByRole("button", { name: "Delete", exact: true }).click();
  const remove = plain.getByRole("dialog", { name: `Delete ${tim.name}?` });
  await remove.getByRole("button", { name: `Delete ${tim.name}` }).click();
  await expect(remove.getByRole("alert")).toContainText(/owns/);
  await plain.context().close();

  // …and with them, the dialog stays open with the reason.
  await page.goto(`/admin?q=${encodeURIComponent(tim.email)}`);
  const liveRow = page.locator(`tr[data-user-email="${tim.email}"]`);
  await liveRow.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${tim.name}?` });
  await dialog.getByRole("button", { name: `Delete ${tim.name}` }).click();
  await expect(dialog.getByRole("alert")).toContainText(/owns/);
  await expect(dialog).toBeVisible();
});
