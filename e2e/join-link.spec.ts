import { expect, test } from "./support/test";
import { newPerson, newShortName } from "./support/data";
import { latestEmail, linkIn } from "./support/mail";
import { fieldErrors, invitationRow, signUp } from "./support/pages";

const JOIN_SUBJECT = /Your link to join/;

test("an owner turns on the join link; a new person asks with it and joins from the emailed link", async ({
  page,
  browser,
}, testInfo) => {
  // Two people in two browsers, and a wait for the email worker.
  test.slow();
  const { shortName } = await signUp(page, newPerson("Olga"), newShortName("joinable"));

  await page.goto(`/a/${shortName}/settings`);
  await page.getByRole("button", { name: "Turn on the join link" }).click();
  const linkField = page.getByLabel("Join link", { exact: true });
  await expect(linkField).toHaveValue(/\/join\/[A-Za-z0-9_-]{43}$/);
  await expect(linkField).not.toBeEditable();
  const joinPath = new URL(await linkField.inputValue()).pathname;

  // Nina opens the link in a browser of her own and asks with her address.
  const nina = newPerson("Nina");
  const ninaPage = await browser.newPage();
  await ninaPage.goto(joinPath);
  await expect(ninaPage.getByRole("heading", { name: `Join ${shortName}` })).toBeVisible();
  await ninaPage.getByLabel("Email").fill(nina.email);
  await ninaPage.getByRole("button", { name: "Send me a link to join" }).click();
  const answer = ninaPage.getByRole("status").filter({ hasText: "Check your email" });
  await expect(answer).toContainText(`We sent a link to join ${shortName} to ${nina.email}.`);

  // The owner sees the invitation she asked for, with no inviter.
  await page.goto(`/a/${shortName}/members?tab=invitations`);
  await expect(invitationRow(page, nina.email)).toContainText("asked via join link");

  // The emailed link works as any invitation's: she creates her user and is in.
  const email = await latestEmail(ninaPage, testInfo, nina.email, JOIN_SUBJECT);
  expect(email.text).toContain(`You asked to join ${shortName} on Roster`);
  await ninaPage.goto(linkIn(email, "/invite/"));
  await expect(ninaPage.getByLabel("Email")).toHaveValue(nina.email);
  await ninaPage.getByLabel("Full name").fill(nina.name);
  await ninaPage.getByLabel("Password").fill(nina.password);
  await ninaPage.getByRole("button", { name: "Create user and join" }).click();
  await expect(ninaPage).toHaveURL(`/a/${shortName}`);
  await expect(ninaPage.getByText("You are Member of")).toBeVisible();
  await ninaPage.close();

  // A new link: the old one answers 404 at once.
  await page.goto(`/a/${shortName}/settings`);
  await page.getByRole("button", { name: "Make a new link" }).click();
  await expect(page.getByText("A new link is in force: the old one no longer works.")).toBeVisible();
  await expect(linkField).not.toHaveValue(new RegExp(`${joinPath}$`));
  const visitor = await browser.newPage();
  const response = await visitor.goto(joinPath);
  expect(response?.status()).toBe(404);
  await expect(visitor.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await visitor.close();
});

test("the join link can be limited to email domains, and turned off", async ({ page }) => {
  const { shortName, person } = await signUp(page);
  await page.goto(`/a/${shortName}/settings`);
  await page.getByRole("button", { name: "Turn on the join link" }).click();
  const linkField = page.getByLabel("Join link", { exact: true });
  await expect(linkField).toHaveValue(/\/join\//);
  const joinPath = new URL(await linkField.inputValue()).pathname;

  await page.getByLabel("Allowed email domains (optional)").fill("Acme.example, @acme.example");
  await page.getByRole("button", { name: "Save join link settings" }).click();
  await expect(page.getByText("Join link settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Allowed email domains (optional)")).toHaveValue("acme.example");

  // Signed in, the owner finds her own address filled in; it is not at the allowed domain.
  await page.goto(joinPath);
  await expect(page.getByText("Only addresses at acme.example can join through this link.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(person.email);
  await page.getByRole("button", { name: "Send me a link to join" }).click();
  await expect(fieldErrors(page)).toHaveText([
    "Use your acme.example address: only those can join through this link.",
  ]);

  await page.goto(`/a/${shortName}/settings`);
  await page.getByRole("button", { name: "Turn off", exact: true }).click();
  await expect(page.getByRole("button", { name: "Turn on the join link" })).toBeVisible();
  await expect(linkField).toHaveCount(0);
  expect((await page.goto(joinPath))?.status()).toBe(404);
});
