import type { Page } from "@playwright/test";
import { generate } from "otplib";
import { expect, test } from "./support/test";
import { joinViaInvitation, signIn, signOut, signUp } from "./support/pages";
import { newPerson } from "./support/data";

/** What an authenticator app shows for `secret`, `offsetSeconds` from now. */
const codeFor = (secret: string, offsetSeconds = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

/** Sets up two-factor from the profile as a person would: scans (reads) the key, types a code. */
async function enrolTwoFactor(page: Page, password: string) {
  await page.goto("/profile");
  await page.getByRole("link", { name: "Set up" }).click();
  await expect(page).toHaveURL("/profile/two-factor");
  await page.getByRole("button", { name: "Set up two-factor" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Your password").fill(password);
  await page.getByLabel("Code from the app").fill(await codeFor(secret));
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recoveryCodes = await codes.allTextContents();
  await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
  await expect(page.getByRole("heading", { name: "Two-factor is on" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Recovery codes" })).toHaveCount(0);
  return { secret, recoveryCodes };
}

test("two-factor: enrol with the shown key, then sign in with a code, and once with a recovery code", async ({
  page,
}) => {
  const { person, shortName } = await signUp(page);
  const { secret, recoveryCodes } = await enrolTwoFactor(page, person.password);

  await signOut(page);
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(/\/sign-in\/two-factor/);
  expect(page.url()).not.toContain(person.password);
  await page.getByLabel("Code").fill("12345x");
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page.getByLabel("Code")).toHaveAccessibleDescription(/That code is not right/);
  // The code the enrolment used is spent: the next one from the app.
  await page.getByLabel("Code").fill(await codeFor(secret, 30));
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(`/a/${shortName}`);

  await signOut(page);
  await signIn(page, person.email, person.password);
  await page.getByLabel("Code").fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Verify and sign in" }).click();
  await expect(page).toHaveURL(`/a/${shortName}`);
  await page.goto("/profile/two-factor");
  await expect(page.getByText("You have 9 unused recovery codes.")).toBeVisible();
});

test("an account requiring two-factor sends an administrator without it to set it up first", async ({
  page,
  browser,
}, testInfo) => {
  test.slow(); // two people, two browsers, two two-factor enrolments
  const { person, shortName } = await signUp(page);
  const admin = newPerson("Admin");
  const adminPage = await joinViaInvitation(page, browser, testInfo, shortName, admin, "Administrator");
  await enrolTwoFactor(page, person.password);
  await page.goto(`/a/${shortName}/settings`);
  await page.getByRole("button", { name: "Require two-factor for administrators" }).click();
  await expect(page.getByRole("button", { name: "Stop requiring two-factor" })).toBeVisible();

  await adminPage.goto(`/a/${shortName}/members`);
  await expect(adminPage).toHaveURL(`/profile/two-factor?required=${shortName}`);
  await expect(adminPage.getByText("requires two-factor authentication")).toBeVisible();
  await enrolTwoFactor(adminPage, admin.password);
  await adminPage.goto(`/a/${shortName}/members`);
  await expect(adminPage).toHaveURL(`/a/${shortName}/members`);
  await adminPage.close();
});
