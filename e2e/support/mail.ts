import { expect, type Page, type TestInfo } from "@playwright/test";
import type { FakeEmail } from "../../tests/fake-resend/server";
import { E2E_MAILBOX_TOKEN } from "./data";
import { PORTS, urlOf } from "./ports";

const FAKE_RESEND = urlOf(PORTS.fakeResend);

export type ReceivedEmail = { subject: string; text: string };

/**
 * The newest email to `to` whose subject matches, read the way the project's mode delivers
 * it: on PostgreSQL through the fake Resend server, in the embedded mode from /dev/mailbox.
 */
export async function latestEmail(
  page: Page,
  testInfo: TestInfo,
  to: string,
  subject: RegExp,
): Promise<ReceivedEmail> {
  if (testInfo.project.name === "embedded" || testInfo.project.name === "embedded-only") {
    const mailbox = await page.context().newPage();
    let found: ReceivedEmail | undefined;
    await expect(async () => {
      // The tests are clients on other machines to the server: they present the mailbox's
      // token (the server moves it into a cookie and redirects).
      await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(to)}&token=${E2E_MAILBOX_TOKEN}`);
      const link = mailbox
        .getByRole("list", { name: "Emails" })
        .getByRole("link")
        .filter({ hasText: subject })
        .first();
      await link.click();
      found = {
        subject: await mailbox.getByRole("heading", { level: 1 }).innerText(),
        text: await mailbox.getByTestId("email-text").innerText(),
      };
    }).toPass({ timeout: 15_000 });
    await mailbox.close();
    return found!;
  }
  let found: FakeEmail | undefined;
  await expect
    .poll(
      async () => {
        const emails = (await (await page.request.get(`${FAKE_RESEND}/__fake/emails`)).json()) as FakeEmail[];
        found = emails
          .filter((e) => e.to.some((t) => t.toLowerCase() === to.toLowerCase()) && subject.test(e.subject))
          .at(-1);
        return Boolean(found);
      },
      { timeout: 15_000, message: `an email to ${to} with subject ${subject}` },
    )
    .toBe(true);
  return { subject: found!.subject, text: found!.text };
}

/** The app link in an email's text whose path starts with `pathPrefix`, as a path to open. */
export function linkIn(email: ReceivedEmail, pathPrefix: string): string {
  const match = email.text.match(new RegExp(`https?://[^\\s]+(${pathPrefix}[A-Za-z0-9_-]+)`));
  if (!match?.[1]) throw new Error(`No ${pathPrefix} link in: ${email.text}`);
  return match[1];
}
