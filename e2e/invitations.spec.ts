import { expect, test } from "./support/test";
import { newPerson, newShortName } from "./support/data";
import { latestEmail, linkIn } from "./support/mail";
import {
  fillSignUp,
  invitationRow,
  invitePeople,
  openInvitationsTab,
  signIn,
  signOut,
  signUp,
} from "./support/pages";

const INVITATION_SUBJECT = /invited you to join/;

test("an owner invites two people; one joins as a new user, the other with their existing user", async ({
  page,
  browser,
}, testInfo) => {
  // Three people in three browsers, and a wait for the email worker: on a busy two-core
  // machine this takes close to the default 30 s (about 12 s alone).
  test.slow();
  const { shortName } = await signUp(page, newPerson("Olga"), newShortName("acme"));
  const newcomer = newPerson("Nina");
  const existing = newPerson("Eric");

  // Eric already has a user (and an account of his own).
  const ericPage = await browser.newPage();
  await signUp(ericPage, existing);
  await signOut(ericPage);

  const results = await invitePeople(page, shortName, [newcomer.email, existing.email]);
  await expect(results.getByRole("listitem")).toHaveText([
    `${newcomer.email}Invited`,
    `${existing.email}Invited`,
  ]);
  await openInvitationsTab(page, shortName);
  await expect(invitationRow(page, newcomer.email)).toContainText("Member");
  // The worker delivers the email; the table says so once it has.
  await expect(async () => {
    await page.reload();
    await expect(invitationRow(page, newcomer.email)).toContainText("Sent", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  // The newcomer follows the link in another browser and creates their user.
  const email = await latestEmail(page, testInfo, newcomer.email, INVITATION_SUBJECT);
  expect(email.text).toContain("as Member");
  const ninaPage = await browser.newPage();
  await ninaPage.goto(linkIn(email, "/invite/"));
  await expect(ninaPage.getByRole("heading", { name: /^Join / })).toBeVisible();
  await expect(ninaPage.getByLabel("Email")).toHaveValue(newcomer.email);
  await ninaPage.getByLabel("Full name").fill(newcomer.name);
  await ninaPage.getByLabel("Password").fill(newcomer.password);
  await ninaPage.getByRole("button", { name: "Create user and join" }).click();
  await expect(ninaPage).toHaveURL(`/a/${shortName}`);
  await expect(ninaPage.getByText("You are Member of")).toBeVisible();
  // The link proved the address: no confirmation banner for her.
  await expect(ninaPage.getByRole("region", { name: "Email confirmation" })).toHaveCount(0);

  // Eric, signed out, signs in on the invitation page (as the invited email only) and joins.
  const ericEmail = await latestEmail(page, testInfo, existing.email, INVITATION_SUBJECT);
  await ericPage.goto(linkIn(ericEmail, "/invite/"));
  await expect(ericPage.getByLabel("Email")).toHaveValue(existing.email);
  await expect(ericPage.getByLabel("Email")).not.toBeEditable();
  await ericPage.getByLabel("Password").fill("not his password");
  await ericPage.getByRole("button", { name: "Sign in and join" }).click();
  await expect(ericPage.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await ericPage.getByLabel("Password").fill(existing.password);
  await ericPage.getByRole("button", { name: "Sign in and join" }).click();
  await expect(ericPage).toHaveURL(`/a/${shortName}`);

  // Both are members now, and no longer listed as invitations.
  await page.goto(`/a/${shortName}/members`);
  const members = page.getByRole("table", { name: "Members" });
  await expect(members.getByRole("row").filter({ hasText: newcomer.email })).toContainText("Member");
  await expect(members.getByRole("row").filter({ hasText: existing.email })).toContainText("Member");
  await openInvitationsTab(page, shortName);
  await expect(invitationRow(page, existing.email)).toHaveCount(0);
  await expect(invitationRow(page, newcomer.email)).toHaveCount(0);

  // A used link is dead.
  await ninaPage.goto(linkIn(email, "/invite/"));
  await expect(ninaPage.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  await ninaPage.close();
  await ericPage.close();
});

test("signed in as someone else, the invitation page says so and offers to switch user", async ({
  page,
  browser,
}, testInfo) => {
  const { shortName } = await signUp(page);
  const invitee = newPerson("Ivy");
  await invitePeople(page, shortName, [invitee.email], "Guest");
  const link = linkIn(await latestEmail(page, testInfo, invitee.email, INVITATION_SUBJECT), "/invite/");

  const other = await browser.newPage();
  const someoneElse = await signUp(other);
  await other.goto(link);
  await expect(
    other.getByText(
      `This invitation is for ${invitee.email}, but you are signed in as ${someoneElse.person.email}.`,
    ),
  ).toBeVisible();
  await other.getByRole("button", { name: `Sign out and continue as ${invitee.email}` }).click();
  await expect(other).toHaveURL(link);
  await expect(other.getByRole("button", { name: "Create user and join" })).toBeVisible();
  await other.close();
});

test("a revoked invitation's link stops working", async ({ page, browser }, testInfo) => {
  const { shortName } = await signUp(page);
  const invitee = newPerson("Rita");
  await invitePeople(page, shortName, [invitee.email]);
  const link = linkIn(await latestEmail(page, testInfo, invitee.email, INVITATION_SUBJECT), "/invite/");

  await openInvitationsTab(page, shortName);
  await invitationRow(page, invitee.email).getByRole("button", { name: "Revoke" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke this invitation?" });
  await expect(dialog).toContainText(invitee.email);
  await dialog.getByRole("button", { name: "Revoke invitation" }).click();
  await expect(invitationRow(page, invitee.email)).toHaveCount(0);

  const visitor = await browser.newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  await visitor.close();
});

test("resending sends a new link and kills the first one; an invitee can decline", async ({
  page,
  browser,
}, testInfo) => {
  const { shortName } = await signUp(page);
  const invitee = newPerson("Dora");
  await invitePeople(page, shortName, [invitee.email]);
  const firstLink = linkIn(await latestEmail(page, testInfo, invitee.email, INVITATION_SUBJECT), "/invite/");

  await openInvitationsTab(page, shortName);
  await invitationRow(page, invitee.email).getByRole("button", { name: "Resend" }).click();
  await expect(invitationRow(page, invitee.email).getByRole("status")).toHaveText("Sent again");
  let secondLink = firstLink;
  await expect(async () => {
    secondLink = linkIn(await latestEmail(page, testInfo, invitee.email, INVITATION_SUBJECT), "/invite/");
    expect(secondLink).not.toBe(firstLink);
  }).toPass({ timeout: 15_000 });

  const visitor = await browser.newPage();
  await visitor.goto(firstLink);
  await expect(visitor.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();

  await visitor.goto(secondLink);
  await visitor.getByRole("button", { name: "Decline invitation" }).click();
  await visitor
    .getByRole("dialog", { name: "Decline this invitation?" })
    .getByRole("button", { name: "Decline" })
    .click();
  await expect(visitor.getByRole("heading", { name: "Invitation declined" })).toBeVisible();
  await visitor.close();

  await page.reload();
  await expect(invitationRow(page, invitee.email)).toContainText("Declined");
});

test("inviting explains each address: already a member, already invited, not an address", async ({
  page,
}) => {
  const { shortName, person } = await signUp(page);
  const invitee = newPerson("Vera");
  await invitePeople(page, shortName, [invitee.email]);
  await page.getByRole("button", { name: "Invite more people" }).click();

  await page
    .getByLabel("Email addresses")
    .fill(`${invitee.email.toUpperCase()}\n${person.email}, not-an-address`);
  await page.getByRole("button", { name: "Review invitations" }).click();
  await expect(page.getByText("Not email addresses, so they will be skipped: not-an-address")).toBeVisible();
  await page.getByRole("button", { name: "Send 2 invitations" }).click();
  const results = page.getByRole("list", { name: "Invitation results" });
  await expect(results.getByRole("listitem").filter({ hasText: person.email })).toContainText(
    "Already a member",
  );
  await expect(results.getByRole("listitem").filter({ hasText: invitee.email.toUpperCase() })).toContainText(
    "Already invited",
  );
  await expect(
    results
      .getByRole("listitem")
      .filter({ hasText: invitee.email.toUpperCase() })
      .getByRole("button", { name: "Resend" }),
  ).toBeVisible();
  await expect(results.getByRole("listitem").filter({ hasText: "not-an-address" })).toContainText(
    "Not a valid email address",
  );

  await page.getByRole("button", { name: "Invite more people" }).click();
  await page.getByRole("button", { name: "Review invitations" }).click();
  await expect(page.getByText("Enter at least one email address.")).toBeVisible();
});

test("a member sees the member list but cannot invite", async ({ page, browser }, testInfo) => {
  const { shortName } = await signUp(page);
  const member = newPerson("Mia");
  await invitePeople(page, shortName, [member.email]);
  const link = linkIn(await latestEmail(page, testInfo, member.email, INVITATION_SUBJECT), "/invite/");

  const memberPage = await browser.newPage();
  await memberPage.goto(link);
  await memberPage.getByLabel("Full name").fill(member.name);
  await memberPage.getByLabel("Password").fill(member.password);
  await memberPage.getByRole("button", { name: "Create user and join" }).click();
  await expect(memberPage).toHaveURL(`/a/${shortName}`);
  await memberPage.getByRole("link", { name: "Members" }).click();
  await expect(memberPage.getByRole("table", { name: "Members" }).getByRole("row")).toHaveCount(3);
  await expect(memberPage.getByRole("button", { name: "Invite people" })).toHaveCount(0);
  await expect(memberPage.getByRole("link", { name: /^Invitations/ })).toHaveCount(0);
  // The tab's address shows them the member list all the same.
  await memberPage.goto(`/a/${shortName}/members?tab=invitations`);
  await expect(memberPage.getByRole("table", { name: "Members" })).toBeVisible();
  await expect(memberPage.getByRole("table", { name: "Invitations" })).toHaveCount(0);
  await memberPage.close();
});

test("sign-up sends a confirmation link; once confirmed, invitations to that email can be accepted in the app", async ({
  page,
  browser,
}, testInfo) => {
  const inviter = await browser.newPage();
  const { shortName } = await signUp(inviter, newPerson("Ines"), newShortName("inviting"));

  // Vik signs up, and signs in before following the confirmation link.
  const person = newPerson("Vik");
  const own = newShortName("vik");
  await fillSignUp(page, person, { shortName: own });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await signIn(page, person.email, person.password);
  await expect(page).toHaveURL(`/a/${own}`);
  await expect(page.getByRole("region", { name: "Email confirmation" })).toContainText(person.email);

  await invitePeople(inviter, shortName, [person.email], "Guest");
  await inviter.close();

  // Not confirmed yet: the app does not offer the invitation.
  await page.goto("/accounts");
  await expect(
    page.getByText(`Confirm your email address to see invitations sent to ${person.email}`),
  ).toBeVisible();

  const confirmation = await latestEmail(page, testInfo, person.email, /Confirm your email address/);
  await page.goto(linkIn(confirmation, "/verify-email/"));
  await expect(
    page.getByText(`This confirms ${person.email} for the Roster user ${person.name}`),
  ).toBeVisible();
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page).toHaveURL(`/a/${own}`);

  await page.goto("/accounts");
  await expect(page.getByRole("region", { name: "Email confirmation" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "1 invitation" })).toBeVisible();
  const invitations = page.getByRole("list", { name: "Invitations for you" });
  await invitations.getByRole("button", { name: /^Accept the invitation/ }).click();
  await expect(page).toHaveURL(`/a/${shortName}`);
  await expect(page.getByText("You are Guest of")).toBeVisible();
  await signOut(page);
  await signIn(page, person.email, person.password);
});
