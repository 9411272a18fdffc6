import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { newPerson } from "./support/data";
import { signUp } from "./support/pages";

// What the shared primitives give every page: icons, dark mode, the password field's Show
// button, the permission switch, and dates read as "3 hours ago" in the reader's own zone.

test("the favicon and the app icons answer, and pages point at them", async ({ page, request }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toContain("image/");
  await page.goto("/sign-in");
  for (const rel of ["icon", "apple-touch-icon"]) {
    const links = page.locator(`head link[rel="${rel}"]`);
    await expect(links.first()).toBeAttached();
    for (const href of await links.evaluateAll((all) => all.map((l) => l.getAttribute("href")!))) {
      const response = await request.get(href);
      expect(response.status(), href).toBe(200);
      expect(response.headers()["content-type"], href).toMatch(/^image\//);
    }
  }
});

/** The relative luminance (0 black – 1 white) of an element's computed background or text colour. */
async function luminance(page: Page, selector: string, property: "backgroundColor" | "color") {
  return page
    .locator(selector)
    .first()
    .evaluate((el, prop) => {
      // Whatever space the colour is written in (oklch, lab, rgb), the canvas paints it as sRGB.
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 1;
      const context = canvas.getContext("2d")!;
      context.fillStyle = getComputedStyle(el)[prop];
      context.fillRect(0, 0, 1, 1);
      const [r, g, b] = Array.from(context.getImageData(0, 0, 1, 1).data).map((v) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    }, property);
}

test("dark mode follows the system setting, and text keeps AA contrast in it", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/sign-in");
  expect(await luminance(page, "body", "backgroundColor")).toBeGreaterThan(0.9);

  await page.emulateMedia({ colorScheme: "dark" });
  expect(await luminance(page, "body", "backgroundColor")).toBeLessThan(0.05);
  expect(await luminance(page, "body", "color")).toBeGreaterThan(0.8);
  const contrast = async () =>
    (await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze()).violations;
  expect(await contrast()).toEqual([]);

  // A signed-in page with tables, badges, links and a coloured button.
  const { shortName } = await signUp(page);
  await page.goto(`/a/${shortName}/members`);
  await expect(page.getByRole("table", { name: "Members" })).toBeVisible();
  expect(await contrast()).toEqual([]);
  await page.goto(`/a/${shortName}/settings`);
  expect(await contrast()).toEqual([]);
});

test("the password field shows and hides the password from the keyboard", async ({ page }) => {
  await page.goto("/sign-in");
  const password = page.getByLabel("Password");
  await password.fill("correct horse");
  await expect(password).toHaveAttribute("type", "password");
  await password.focus();
  await page.keyboard.press("Tab");
  const show = page.getByRole("button", { name: "Show password" });
  await expect(show).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(password).toHaveAttribute("type", "text");
  await expect(password).toHaveValue("correct horse");
  await expect(page.getByRole("button", { name: "Hide password" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(password).toHaveAttribute("type", "password");
});

test("dates read as relative times, with the exact time in the reader's zone on hover", async ({
  browser,
}) => {
  const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  const page = await context.newPage();
  const { person, shortName } = await signUp(page);
  await page.goto(`/a/${shortName}/members`);
  const row = page.getByRole("row").filter({ hasText: person.email });
  const joined = row.locator("time").last();
  await expect(joined).toHaveText("just now");
  await expect(joined).toHaveAttribute("title", /^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} GMT\+9$/);
  expect(Date.parse((await joined.getAttribute("datetime"))!)).toBeGreaterThan(Date.now() - 5 * 60_000);
  await context.close();
});

test("a permission switch toggles from the keyboard without moving, on a phone too", async ({ page }) => {
  const { shortName } = await signUp(page);
  const nora = newPerson("Nora");
  await page.goto(`/a/${shortName}/members/new`);
  await page.getByLabel("Full name").fill(nora.name);
  await page.getByLabel("Email", { exact: true }).fill(nora.email);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`${nora.name} was added.`)).toBeVisible();
  await page.getByRole("link", { name: "Open their page" }).click();
  await page.setViewportSize({ width: 375, height: 812 });
  const invite = page.getByRole("switch", { name: "Invite people" });
  const checked = await invite.isChecked();
  const before = (await invite.boundingBox())!;
  await invite.focus();
  await page.keyboard.press("Space");
  await expect(invite).toBeChecked({ checked: !checked });
  const after = (await invite.boundingBox())!;
  expect(after.x).toBe(before.x);
  expect(after.x + after.width).toBeLessThanOrEqual(375);
});
