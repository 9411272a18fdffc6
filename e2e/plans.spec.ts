import { expect, test } from "./support/test";
import { newPerson } from "./support/data";
import { invitePeople, signUp } from "./support/pages";

test("on Free, inviting past the seats is refused address by address; a larger plan makes room", async ({
  page,
}) => {
  const { shortName } = await signUp(page);
  const emails = Array.from({ length: 6 }, (_, i) => newPerson(`Seat${i}`).email);

  const results = await invitePeople(page, shortName, emails);
  await expect(
    page.getByRole("heading", { name: "Invitations: 4 sent, 2 over your seat limit" }),
  ).toBeVisible();
  await expect(results.getByRole("listitem").filter({ hasText: emails[5]! })).toContainText(
    "Not sent: over your seat limit",
  );

  // Full: the members page disables "Invite people", says why, and points to the plan.
  await page.reload();
  await expect(page.getByText("5 of 5 seats used · Free plan")).toBeVisible();
  const invite = page.getByRole("button", { name: "Invite people" });
  await expect(invite).toBeDisabled();
  await expect(invite).toHaveAccessibleDescription(/Every seat of the Free plan is taken/);
  await page.getByRole("link", { name: "move to a larger plan" }).click();

  // No checkout: moving up takes effect at once.
  await expect(page.getByText("No payment provider is connected")).toBeVisible();
  await page.getByRole("radio", { name: /Team/ }).check();
  await page.getByRole("button", { name: "Change plan" }).click();
  await expect(page.getByText("Plan changed.")).toBeVisible();
  await expect(page.getByText(/Team plan: 5 of 50 seats in use/)).toBeVisible();

  await page.goto(`/a/${shortName}/members`);
  await expect(page.getByText("5 of 50 seats used · Team plan")).toBeVisible();
  await page.getByRole("button", { name: "Invite people" }).click();
  await expect(page.getByLabel("Email addresses")).toBeVisible();
});
