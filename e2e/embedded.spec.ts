import { expect, test } from "./support/test";
import { newPerson } from "./support/data";
import { latestEmail, linkIn } from "./support/mail";
import { invitePeople, signUp } from "./support/pages";

// The quick start's mode: no DATABASE_URL, no AUTH_SECRET, no RESEND_API_KEY — the embedded
// PostgreSQL (PGlite) and the local mailbox.
test("sign up, invite a colleague, read the local mailbox, and they join", async ({
  page,
  browser,
}, testInfo) => {
  const { shortName, person } = await signUp(page);
  await expect(page.getByText(`Welcome, ${person.name}`)).toBeVisible();
  await page.reload();
  await expect(page).toHaveURL(`/a/${shortName}`);

  const colleague = newPerson("Colin");
  await invitePeople(page, shortName, [colleague.email]);
  const email = await latestEmail(page, testInfo, colleague.email, /invited you to join/);

  const other = await browser.newPage();
  await other.goto(linkIn(email, "/invite/"));
  await other.getByLabel("Full name").fill(colleague.name);
  await other.getByLabel("Password").fill(colleague.password);
  await other.getByRole("button", { name: "Create user and join" }).click();
  await expect(other).toHaveURL(`/a/${shortName}`);
  await other.close();

  await page.goto(`/a/${shortName}/members`);
  await expect(page.getByRole("table", { name: "Members" })).toContainText(colleague.email);
});
