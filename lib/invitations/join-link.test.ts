import { randomInt } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, auditEvents, emailOutbox, invitations, memberships } from "@/db/schema";
import { joinDomainsSchema, joinLinkSettingsSchema } from "@/lib/accounts/schemas";
import { setDefaultRole } from "@/lib/accounts/settings";
import { unsealBody } from "@/lib/email/seal";
import { NO_REQUEST_META, type RequestMeta } from "@/lib/http/request-meta";
import { linkInLatestEmail, memberContextOf, onPlan, PASSWORD, randomEmail, signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { acceptInvitationAsNewUser, acceptInvitationByToken, findInvitationByToken } from "./accept";
import { inviteMembers } from "./invite";
import {
  changeJoinLink,
  findJoinLinkAccount,
  loadJoinLinkSettings,
  requestToJoin,
  updateJoinLinkSettings,
} from "./join-link";
import { listAccountInvitations } from "./queries";

const t = testDatabase();
const meta = NO_REQUEST_META;

/** An account whose owner turned its join link on: the owner's context and the link's code. */
async function accountWithJoinLink(settings?: { domains?: string[]; requiresApproval?: boolean }) {
  const owner = await signUp(t.db, { name: "Owner Olga" });
  const ctx = await memberContextOf(t.db, owner.user, owner.account.shortName);
  const { code } = await changeJoinLink(t.db, ctx, "on", meta);
  if (settings) {
    await updateJoinLinkSettings(
      t.db,
      ctx,
      { domains: settings.domains ?? [], requiresApproval: settings.requiresApproval ?? false },
      meta,
    );
  }
  return { owner, ctx, code: code! };
}

/** A network address nobody else in this run uses, for the per-IP budgets. */
const someNetwork = (): RequestMeta => ({
  ip: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
  userAgent: "test",
});

const emailsTo = (to: string) =>
  t.db
    .select({
      template: emailOutbox.template,
      subject: emailOutbox.subject,
      sealedBody: emailOutbox.sealedBody,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.to, to))
    .orderBy(asc(emailOutbox.createdAt));

const invitationFor = async (accountId: string, email: string) => {
  const [row] = await t.db
    .select()
    .from(invitations)
    .where(and(eq(invitations.accountId, accountId), eq(invitations.email, email)));
  return row;
};

describe("turning the join link on and off", () => {
  it("turns it on with a code the settings show as a link, makes a new one (the old dies), and turns it off", async () => {
    const { ctx, code } = await accountWithJoinLink();
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await findJoinLinkAccount(t.db, code)).toMatchObject({ id: ctx.account.id });
    const settings = await loadJoinLinkSettings(t.db, ctx.account.id);
    expect(settings).toEqual({
      on: true,
      url: `${process.env.APP_URL ?? "http://localhost:3000"}/join/${code}`,
      domains: [],
      requiresApproval: false,
    });
    // Stored hashed (for the lookup) and sealed (for the settings page), never in the clear.
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, ctx.account.id));
    expect(JSON.stringify(row)).not.toContain(code);

    // Turning it on again changes nothing.
    expect(await changeJoinLink(t.db, ctx, "on", meta)).toEqual({ code });

    const { code: renewed } = await changeJoinLink(t.db, ctx, "regenerate", meta);
    expect(renewed).not.toBe(code);
    expect(await findJoinLinkAccount(t.db, code)).toBeNull();
    await expect(requestToJoin(t.db, { code, email: randomEmail() }, meta)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await findJoinLinkAccount(t.db, renewed!)).toMatchObject({ id: ctx.account.id });

    expect(await changeJoinLink(t.db, ctx, "off", meta)).toEqual({ code: null });
    expect(await findJoinLinkAccount(t.db, renewed!)).toBeNull();
    expect(await loadJoinLinkSettings(t.db, ctx.account.id)).toMatchObject({ on: false, url: null });
    await expect(requestToJoin(t.db, { code: renewed!, email: randomEmail() }, meta)).rejects.toMatchObject({
      code: "not_found",
    });

    const events = await t.db
      .select({ action: auditEvents.action, data: auditEvents.data, actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.accountId, ctx.account.id), eq(auditEvents.action, "account.join_link_changed")),
      )
      .orderBy(asc(auditEvents.createdAt));
    expect(events.map((e) => e.data)).toEqual([
      { change: "turned_on" },
      { change: "regenerated" },
      { change: "turned_off" },
    ]);
    expect(events.every((e) => e.actor === ctx.user.id)).toBe(true);
    expect(JSON.stringify(events)).not.toContain(code);
  });

  it("knows no code that was never made", async () => {
    expect(await findJoinLinkAccount(t.db, "no-such-code")).toBeNull();
    expect(await findJoinLinkAccount(t.db, "")).toBeNull();
    expect(await findJoinLinkAccount(t.db, "x".repeat(5000))).toBeNull();
  });

  it("is turned on only by an administrator whose own address is confirmed", async () => {
    const owner = await signUp(t.db, { verified: false });
    const ctx = await memberContextOf(t.db, owner.user, owner.account.shortName);
    await expect(changeJoinLink(t.db, ctx, "on", meta)).rejects.toMatchObject({ code: "forbidden" });
    expect(await loadJoinLinkSettings(t.db, ctx.account.id)).toMatchObject({ on: false });
  });

  it("records a change of its settings, and nothing when nothing changes", async () => {
    const { ctx } = await accountWithJoinLink();
    const settings = { domains: ["acme.com", "acme.co.uk"], requiresApproval: true };
    await updateJoinLinkSettings(t.db, ctx, settings, meta);
    await updateJoinLinkSettings(t.db, ctx, settings, meta);
    expect(await loadJoinLinkSettings(t.db, ctx.account.id)).toMatchObject(settings);
    const events = await t.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.accountId, ctx.account.id),
          eq(auditEvents.action, "account.join_link_settings_changed"),
        ),
      );
    expect(events).toEqual([{ data: { before: { domains: [], requiresApproval: false }, after: settings } }]);
  });
});

describe("the allowed domains", () => {
  it("are read from a typed list: lower-cased, without @ or duplicates, each a domain name, at most 20", () => {
    expect(joinDomainsSchema.parse(" @Acme.com, acme.COM;\nsales.acme.com  ")).toEqual([
      "acme.com",
      "sales.acme.com",
    ]);
    expect(joinDomainsSchema.parse("")).toEqual([]);
    for (const bad of ["acme", "acme..com", "-acme.com", "1.2.3.4", "acme.com/x", "ada@acme.com"]) {
      expect(joinDomainsSchema.safeParse(bad).success, bad).toBe(false);
    }
    const many = Array.from({ length: 21 }, (_, i) => `d${i}.example`).join(" ");
    expect(joinDomainsSchema.safeParse(many).error?.issues[0]?.message).toBe("Enter at most 20 domains.");
    expect(joinLinkSettingsSchema.parse({ domains: "acme.com", requiresApproval: "on" })).toEqual({
      domains: ["acme.com"],
      requiresApproval: true,
    });
    expect(joinLinkSettingsSchema.parse({ domains: "" })).toEqual({ domains: [], requiresApproval: false });
  });

  it("refuse another domain with a message next to the email, and send nothing", async () => {
    const { ctx, code } = await accountWithJoinLink({ domains: ["acme.test", "acme.example"] });
    const outsider = randomEmail("outsider"); // @example.test
    await expect(requestToJoin(t.db, { code, email: outsider }, meta)).rejects.toMatchObject({
      code: "invalid",
      field: "email",
      message: expect.stringContaining("acme.test, acme.example"),
    });
    // A subdomain is another domain.
    await expect(requestToJoin(t.db, { code, email: "ada@sales.acme.test" }, meta)).rejects.toMatchObject({
      field: "email",
    });
    expect(await emailsTo(outsider)).toEqual([]);

    const insider = `Ada.${randomInt(1e9)}@ACME.test`;
    await requestToJoin(t.db, { code, email: insider }, meta);
    expect(await invitationFor(ctx.account.id, insider)).toMatchObject({ status: "pending" });
  });
});

describe("asking to join", () => {
  it("answers the same for a new address, an existing user and a member; only the first two get a link", async () => {
    const { owner, ctx, code } = await accountWithJoinLink();
    const newcomer = randomEmail("newcomer");
    const existing = await signUp(t.db, { name: "Existing Eve" });

    const answers = await Promise.all(
      [newcomer, existing.email, owner.email].map((email) => requestToJoin(t.db, { code, email }, meta)),
    );
    expect(answers).toEqual(
      [newcomer, existing.email, owner.email].map((email) => ({
        accountName: ctx.account.displayName,
        email,
      })),
    );

    for (const email of [newcomer, existing.email]) {
      const sent = (await emailsTo(email)).filter((e) => e.template === "join-request");
      expect(sent).toHaveLength(1);
      expect(sent[0]!.subject).toBe(`Your link to join ${ctx.account.displayName} on Roster`);
      const { text } = unsealBody(sent[0]!.sealedBody!);
      expect(text).toContain(`You asked to join ${ctx.account.displayName} on Roster`);
      expect(text).toContain("as Member");
    }
    expect((await emailsTo(owner.email)).filter((e) => e.template === "join-request")).toEqual([]);
    expect(await invitationFor(ctx.account.id, owner.email)).toBeUndefined();

    // The existing user accepts as any invitee does.
    const { token } = await linkInLatestEmail(t.db, existing.email, "/invite/");
    const joined = await acceptInvitationByToken(t.db, token, existing.user, meta);
    expect(joined).toEqual({ shortName: ctx.account.shortName });
    // A member now: asking again sends nothing more.
    await requestToJoin(t.db, { code, email: existing.email }, meta);
    expect((await emailsTo(existing.email)).filter((e) => e.template === "join-request")).toHaveLength(1);
  });

  it("makes an invitation with the account's default role, asked for (no inviter), listed as such", async () => {
    const { ctx, code } = await accountWithJoinLink();
    await setDefaultRole(t.db, ctx, "guest", meta);
    const email = randomEmail("asker");
    await requestToJoin(t.db, { code, email }, meta);

    const invitation = await invitationFor(ctx.account.id, email);
    expect(invitation).toMatchObject({
      status: "pending",
      role: "guest",
      customRoleId: null,
      invitedByUserId: null,
      viaJoinLink: true,
      sendCount: 1,
    });
    expect(invitation!.lastEmailId).not.toBeNull();
    const listed = (await listAccountInvitations(t.db, ctx.account.id)).find((i) => i.email === email);
    expect(listed).toMatchObject({ viaJoinLink: true, invitedBy: null, roleLabel: "Guest" });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, invitation!.id), eq(auditEvents.action, "invitation.created")));
    expect(event).toMatchObject({ actorUserId: null, data: { email, role: "Guest", viaJoinLink: true } });

    const { token } = await linkInLatestEmail(t.db, email, "/invite/");
    expect(await findInvitationByToken(t.db, token)).toMatchObject({
      email,
      roleLabel: "Guest",
      inviter: null,
    });
  });

  it("sends an open invitation again with a new link (the old one dies), within its resend budget", async () => {
    const { ctx, code } = await accountWithJoinLink();
    const email = randomEmail("again");
    // Invited by the owner as Administrator first: asking keeps that invitation and its role.
    await inviteMembers(t.db, ctx, { emails: email, role: "admin" }, meta);
    const first = await linkInLatestEmail(t.db, email, "/invite/");

    await requestToJoin(t.db, { code, email }, meta);
    const second = await linkInLatestEmail(t.db, email, "/invite/");
    expect(second.token).not.toBe(first.token);
    expect(await findInvitationByToken(t.db, first.token)).toBeNull();
    expect(await findInvitationByToken(t.db, second.token)).toMatchObject({ email });
    const invitation = await invitationFor(ctx.account.id, email);
    expect(invitation).toMatchObject({ role: "admin", sendCount: 2, invitedByUserId: ctx.user.id });
    const [latest] = (await emailsTo(email)).slice(-1);
    expect(latest).toMatchObject({ template: "join-request" });
    expect(unsealBody(latest!.sealedBody!).text).toContain("as Administrator");
  });

  it("lets a new person in through the emailed link, waiting for approval where the link requires it", async () => {
    const { ctx, code } = await accountWithJoinLink({ requiresApproval: true });
    const email = randomEmail("waiting");
    await requestToJoin(t.db, { code, email }, meta);
    const { token } = await linkInLatestEmail(t.db, email, "/invite/");
    const { account, email: joinedAs } = await acceptInvitationAsNewUser(
      t.db,
      token,
      { name: "Wanda Waiting", password: PASSWORD },
      meta,
    );
    expect(account.shortName).toBe(ctx.account.shortName);
    const [membership] = await t.db
      .select({ awaiting: memberships.awaitingApprovalSince, role: memberships.role })
      .from(memberships)
      .innerJoin(invitations, eq(invitations.respondedByUserId, memberships.userId))
      .where(and(eq(memberships.accountId, ctx.account.id), eq(invitations.email, joinedAs)));
    expect(membership?.awaiting).toBeInstanceOf(Date);
    expect(membership?.role).toBe("member");

    // An invitation the owner sent is not asked for through the link: no wait.
    const invited = randomEmail("invited");
    await inviteMembers(t.db, ctx, { emails: invited, role: "member" }, meta);
    const invitedLink = await linkInLatestEmail(t.db, invited, "/invite/");
    await acceptInvitationAsNewUser(
      t.db,
      invitedLink.token,
      { name: "Ivan Invited", password: PASSWORD },
      meta,
    );
    const [direct] = await t.db
      .select({ awaiting: memberships.awaitingApprovalSince })
      .from(memberships)
      .innerJoin(invitations, eq(invitations.respondedByUserId, memberships.userId))
      .where(and(eq(memberships.accountId, ctx.account.id), eq(invitations.email, invited)));
    expect(direct?.awaiting).toBeNull();
  });

  it("lets people in at once when the link needs no approval", async () => {
    const { ctx, code } = await accountWithJoinLink();
    const email = randomEmail("straight");
    await requestToJoin(t.db, { code, email }, meta);
    const { token } = await linkInLatestEmail(t.db, email, "/invite/");
    await acceptInvitationAsNewUser(t.db, token, { name: "Stan Straight", password: PASSWORD }, meta);
    const [membership] = await t.db
      .select({ awaiting: memberships.awaitingApprovalSince })
      .from(memberships)
      .innerJoin(invitations, eq(invitations.respondedByUserId, memberships.userId))
      .where(and(eq(memberships.accountId, ctx.account.id), eq(invitations.email, email)));
    expect(membership).toEqual({ awaiting: null });
  });
});

describe("join request limits", () => {
  it("refuses an eleventh request from one network in an hour", async () => {
    const { code, ctx } = await accountWithJoinLink();
    await onPlan(t.db, ctx.account.id, "business");
    const network = someNetwork();
    for (let i = 0; i < 10; i++) await requestToJoin(t.db, { code, email: randomEmail("burst") }, network);
    await expect(requestToJoin(t.db, { code, email: randomEmail("burst") }, network)).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringContaining("your network"),
    });
    // Another network is not held back.
    await requestToJoin(t.db, { code, email: randomEmail("elsewhere") }, someNetwork());
  });

  it("sends one address at most three emails an hour, answering the same past that", async () => {
    const { ctx, code } = await accountWithJoinLink();
    const email = randomEmail("flooded");
    for (let i = 0; i < 5; i++) {
      expect(await requestToJoin(t.db, { code, email }, someNetwork())).toEqual({
        accountName: ctx.account.displayName,
        email,
      });
    }
    expect(await emailsTo(email)).toHaveLength(3);
    expect(await invitationFor(ctx.account.id, email)).toMatchObject({ sendCount: 3 });
  });
});
