import { randomBytes, randomInt } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { inArray } from "drizzle-orm";
import { connectPostgres } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { signInWithPassword } from "@/lib/auth/sign-in";
import type { FakeEmail } from "../tests/fake-resend/server";
import { expect, test } from "./support/test";
import { newPerson } from "./support/data";
import { invitePeople, signIn, signOut, signUp } from "./support/pages";
import { PORTS, urlOf } from "./support/ports";

// Two app instances on two ports against one PostgreSQL, as behind a load balancer: the same
// database, AUTH_SECRET and (fake) Resend, and each runs its own email worker
// (playwright.config.ts). The app keeps no state in process memory, so a session ended on one
// is refused on the other, rate limits count across both, and the one outbox is delivered by
// both workers without sending anything twice. The test's `page` is on instance A.

const A = urlOf(PORTS.app);
const B = urlOf(PORTS.secondApp);

test.skip(!process.env.E2E_DATABASE_URL, "two instances share one PostgreSQL database; this run has none");

const SIGN_IN_FAILED = "Wrong email or password.";
const SIGN_IN_RATE_LIMITED = "Too many failed sign-ins from your network. Wait 15 minutes and try again.";
/** lib/auth/sign-in.ts: the failures each budget allows in its 15 minutes. */
const FAILURES_PER_IP = 50;
const FAILURES_PER_EMAIL = 10;

const FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** A browser's extra headers: the test's own (its client address) or another client's. */
type Headers = Record<string, string> | undefined;

/** A page on `origin` in a browser of its own, sending `headers` (a client address). */
async function pageOn(browser: Browser, origin: string, headers: Headers, userAgent?: string) {
  const context = await browser.newContext({ baseURL: origin, extraHTTPHeaders: headers, userAgent });
  return context.newPage();
}

/** Another client's address than the test's own (e2e/support/test.ts). */
function otherClient(own: Headers): NonNullable<Headers> {
  let address: string;
  do address = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  while (address === own?.["x-forwarded-for"]);
  return { "x-forwarded-for": address };
}

/**
 * Submits the sign-in form (the caller is on it) and checks the answer to this very attempt:
 * it waits for the server's response and for the form to leave its pending state (React
 * shows the action's result in that same render), then for `expected` in the form's alert.
 * Waiting for the message alone would pass on the previous attempt's identical message.
 */
async function signInAnswer(page: Page, email: string, password: string, expected: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const submit = page.getByRole("button", { name: "Sign in" });
  const answered = page.waitForResponse(
    (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/sign-in",
  );
  await submit.click();
  await answered;
  await expect(submit).not.toHaveAttribute("aria-busy", "true");
  await expect(
    page.getByRole("alert").filter({ hasText: expected }),
    `${page.url()}: ${email}`,
  ).toBeVisible();
}

const pause = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

test("a session opened on A works on B, and signing out on A ends it on B too", async ({
  page,
  browser,
  extraHTTPHeaders,
}) => {
  const { person, shortName } = await signUp(page);
  await signOut(page);
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(`/a/${shortName}`);

  // The same cookie, in another browser, on the other instance.
  const onB = await pageOn(browser, B, extraHTTPHeaders);
  await onB.context().addCookies(await page.context().cookies());
  await onB.goto(`/a/${shortName}`);
  await expect(onB).toHaveURL(`${B}/a/${shortName}`);
  await expect(onB.getByRole("button", { name: "Sign out" })).toBeVisible();

  await signOut(page);
  await onB.goto(`/a/${shortName}`);
  await expect(onB).toHaveURL(`${B}/sign-in?callbackUrl=${encodeURIComponent(`/a/${shortName}`)}`);
  await onB.context().close();
});

test("a session ended from one instance's profile page is refused on the other, both ways", async ({
  page,
  browser,
  extraHTTPHeaders,
}) => {
  const { person, shortName } = await signUp(page);
  const laptop = await pageOn(browser, B, extraHTTPHeaders, FIREFOX_ON_LINUX);
  await signIn(laptop, person.email, person.password);
  await expect(laptop).toHaveURL(`${B}/a/${shortName}`);

  // On A, the session opened on B is listed and signed out: B refuses it.
  await page.goto("/profile");
  const sessionsOnA = page.getByRole("list", { name: "Sessions" }).getByRole("listitem");
  await expect(sessionsOnA).toHaveCount(2);
  await page.getByRole("button", { name: "Sign out Firefox on Linux" }).click();
  await expect(sessionsOnA).toHaveCount(1);
  await laptop.goto(`/a/${shortName}`);
  await expect(laptop).toHaveURL(new RegExp(`^${B}/sign-in\\?callbackUrl=`));

  // On B, signed in again, "Sign out everywhere else": A refuses the session it opened.
  await signIn(laptop, person.email, person.password);
  await expect(laptop).toHaveURL(`${B}/a/${shortName}`);
  await laptop.goto("/profile");
  await laptop.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(laptop.getByRole("list", { name: "Sessions" }).getByRole("listitem")).toHaveCount(1);
  await page.goto(`/a/${shortName}`);
  await expect(page).toHaveURL(new RegExp(`^${A}/sign-in\\?callbackUrl=`));

  // The session that stayed works on both instances.
  const laptopOnA = await laptop.context().newPage();
  await laptopOnA.goto(`${A}/a/${shortName}`);
  await expect(laptopOnA).toHaveURL(`${A}/a/${shortName}`);
  await laptop.context().close();
});

test("failed sign-ins from one network count across both instances: refused after the same total", async ({
  browser,
  extraHTTPHeaders,
}) => {
  const client = [await pageOn(browser, A, extraHTTPHeaders), await pageOn(browser, B, extraHTTPHeaders)];
  for (const page of client) await page.goto("/sign-in");
  const run = randomBytes(4).toString("hex");

  // Every failure on an email of its own (no email reaches its own limit). Most of the budget
  // is spent by a third process on the same database, through the same sign-in (the browsers'
  // part is what the instances count), then the rest alternating A and B.
  const viaBrowsers = 10;
  const ip = extraHTTPHeaders!["x-forwarded-for"]!;
  const database = await connectPostgres(process.env.E2E_DATABASE_URL!, { max: 1 });
  try {
    for (let attempt = 1; attempt <= FAILURES_PER_IP - viaBrowsers; attempt++) {
      const email = `nobody-${run}-${attempt}@example.test`;
      const meta = { ip, userAgent: FIREFOX_ON_LINUX };
      await expect(
        signInWithPassword(database.db, { email, password: "wrong password" }, meta),
      ).rejects.toThrow(SIGN_IN_FAILED);
    }
  } finally {
    await database.close();
  }
  for (let attempt = FAILURES_PER_IP - viaBrowsers + 1; attempt <= FAILURES_PER_IP; attempt++) {
    const page = client[attempt % 2]!;
    await signInAnswer(page, `nobody-${run}-${attempt}@example.test`, "wrong password", SIGN_IN_FAILED);
  }
  // Each instance saw 5 of them; the budget is the network's, wherever it was spent.
  for (const page of client) {
    await signInAnswer(page, `nobody-${run}-past@example.test`, "wrong password", SIGN_IN_RATE_LIMITED);
  }
  for (const page of client) await page.context().close();
});

test("failed sign-ins for one email count across both instances: the slowdown starts after the same total", async ({
  page,
  browser,
  extraHTTPHeaders,
}) => {
  test.slow(); // waits out the first slowdowns: 1 + 2 + 4 seconds
  const { person, shortName } = await signUp(page);
  await signOut(page);
  // The attacker's network is not the one the person signed in from.
  const attacker = otherClient(extraHTTPHeaders);
  const guess = [await pageOn(browser, A, attacker), await pageOn(browser, B, attacker)];
  for (const attempt of guess) await attempt.goto("/sign-in");

  // The first failures through the same sign-in in a third process on the same database; the
  // last two, one on each instance.
  const database = await connectPostgres(process.env.E2E_DATABASE_URL!, { max: 1 });
  try {
    for (let failure = 1; failure <= FAILURES_PER_EMAIL - 2; failure++) {
      const credentials = { email: person.email, password: `guess ${failure}` };
      const meta = { ip: attacker["x-forwarded-for"]!, userAgent: FIREFOX_ON_LINUX };
      await expect(signInWithPassword(database.db, credentials, meta)).rejects.toThrow(SIGN_IN_FAILED);
    }
  } finally {
    await database.close();
  }
  for (let failure = FAILURES_PER_EMAIL - 1; failure <= FAILURES_PER_EMAIL; failure++) {
    await signInAnswer(guess[failure % 2]!, person.email, `guess ${failure}`, SIGN_IN_FAILED);
  }
  // From here each failure makes the next attempt wait 1, 2, 4 … seconds. Waiting them out,
  // three more failures are counted (alternating still); the next attempt, made at once, has
  // 8 seconds to wait. Counted per instance, no instance would have reached 10.
  for (const [failure, wait] of [
    [FAILURES_PER_EMAIL + 1, 1],
    [FAILURES_PER_EMAIL + 2, 2],
    [FAILURES_PER_EMAIL + 3, 4],
  ] as const) {
    await pause(wait + 0.3);
    await signInAnswer(guess[failure % 2]!, person.email, `guess ${failure}`, SIGN_IN_FAILED);
  }
  for (const attempt of guess) {
    await signInAnswer(attempt, person.email, person.password, "Too many failed sign-ins for this email.");
  }

  // The person, from the network they signed in from on A, is not slowed down on B: B knows
  // that session too.
  const ownOnB = await pageOn(browser, B, extraHTTPHeaders);
  await signIn(ownOnB, person.email, person.password);
  await expect(ownOnB).toHaveURL(`${B}/a/${shortName}`);
  for (const other of [...guess, ownOnB]) await other.context().close();
});

test("one outbox, two workers: invitations sent from both instances at once each arrive exactly once", async ({
  page,
  browser,
  extraHTTPHeaders,
}) => {
  test.slow(); // two invitation rounds at once, then the deliveries
  const { shortName } = await signUp(page);
  // Room for the invitations: the Free plan has 5 seats.
  await page.goto(`/a/${shortName}/settings`);
  await page.getByRole("radio", { name: /Team/ }).check();
  await page.getByRole("button", { name: "Change plan" }).click();
  await expect(page.getByText("Plan changed.")).toBeVisible();

  const onB = await pageOn(browser, B, extraHTTPHeaders);
  await onB.context().addCookies(await page.context().cookies());
  // More than a worker claims in one pass (10) from each instance, queued at the same moment:
  // each instance wakes its own worker, and both claim from the one outbox.
  const fromA = Array.from({ length: 12 }, (_, i) => newPerson(`FromA${i}`).email);
  const fromB = Array.from({ length: 12 }, (_, i) => newPerson(`FromB${i}`).email);
  await Promise.all([invitePeople(page, shortName, fromA), invitePeople(onB, shortName, fromB)]);
  await expect(page.getByRole("heading", { name: "Invitations: 12 sent" })).toBeVisible();
  await expect(onB.getByRole("heading", { name: "Invitations: 12 sent" })).toBeVisible();
  const invited = [...fromA, ...fromB];

  const sentTo = async () => {
    const emails = (await (
      await page.request.get(`${urlOf(PORTS.fakeResend)}/__fake/emails`)
    ).json()) as FakeEmail[];
    return emails.filter((email) => email.to.some((to) => invited.includes(to)));
  };
  await expect
    .poll(async () => (await sentTo()).length, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(invited.length);
  // Give both workers another pass or two (they poll every 2 seconds): still nothing twice.
  await pause(5);
  const received = await sentTo();
  for (const address of invited) {
    const toAddress = received.filter((email) => email.to.includes(address));
    expect(toAddress, address).toHaveLength(1);
    expect(toAddress[0]!.subject, address).toMatch(/invited you to join/);
  }

  // In the outbox, each email was claimed once (one attempt) and sent, and the provider got
  // each outbox row under its own idempotency key (the row's id).
  const database = await connectPostgres(process.env.E2E_DATABASE_URL!, { max: 1 });
  try {
    const rows = await database.db
      .select({ id: emailOutbox.id, status: emailOutbox.status, attempts: emailOutbox.attempts })
      .from(emailOutbox)
      .where(inArray(emailOutbox.to, invited));
    expect(rows).toHaveLength(invited.length);
    for (const row of rows) expect(row, row.id).toMatchObject({ status: "sent", attempts: 1 });
    expect(new Set(received.map((email) => email.idempotencyKey))).toEqual(
      new Set(rows.map((row) => row.id)),
    );
  } finally {
    await database.close();
  }
  await onB.context().close();
});
