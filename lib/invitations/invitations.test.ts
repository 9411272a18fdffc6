import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, emailOutbox, invitations, memberships, projectMembers, users } from "@/db/schema";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import {
  linkInLatestEmail,
  memberContextOf,
  onPlan,
  PASSWORD,
  randomEmail,
  signUp,
  signUpAndJoin,
} from "@/tests/fixtures";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { onPostgres, testDatabase } from "@/tests/test-db";
import {
  acceptInvitationAsNewUser,
  acceptInvitationById,
  acceptInvitationByToken,
  declineInvitation,
  findInvitationByToken,
  INVITATION_INVALID,
} from "./accept";
import { inviteMembers } from "./invite";
import { INVITATION_TTL_MS } from "./links";
import { resendInvitation, revokeInvitation } from "./manage";
import { listAccountInvitations, listInvitationsForEmail } from "./queries";
import { loadProjectContext } from "@/lib/projects/project-context";
import { createProject, deleteProject, listProjects } from "@/lib/projects/projects";

const t = testDatabase();
const meta = NO_REQUEST_META;

/** An account with its owner's context, ready to invite. */
async function accountWithOwner() {
  const owner = await signUp(t.db, { name: "Owner Olga" });
  const ctx = await memberContextOf(t.db, owner.user, owner.account.shortName);
  return { owner, ctx };
}

async function inviteOne(
  ctx: Awaited<ReturnType<typeof accountWithOwner>>["ctx"],
  role: "admin" | "member" | "guest" = "member",
  now = new Date(),
) {
  const email = randomEmail("invitee");
  const [result] = await inviteMembers(t.db, ctx, { emails: email, role }, meta, now);
  if (result?.outcome !== "invited") throw new Error(`expected an invitation, got ${JSON.stringify(result)}`);
  const { token } = await linkInLatestEmail(t.db, email, "/invite/");
  return { email, token, invitationId: result.invitationId };
}

/** A member whose custom role holds only "see the member list" and "invite": their context. */
async function limitedInviter(ctx: Awaited<ReturnType<typeof accountWithOwner>>["ctx"]) {
  const role = await createCustomRole(
    t.db,
    ctx,
    {
      name: `Inviter ${randomEmail().slice(5, 11)}`,
      description: "",
      permissions: ["members.read", "members.invite"],
    },
    meta,
  );
  const person = await signUpAndJoin(t.db, ctx.account.id, { customRoleId: role!.id }, "Ivy Inviter");
  return memberContextOf(t.db, person.user, ctx.account.shortName);
}

const membershipsOf = (accountId: string, userId: string) =>
  t.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.accountId, accountId), eq(memberships.userId, userId)));

describe("inviting", () => {
  it("answers per address: invited, already a member, already invited, invalid — deduplicated, case-insensitive", async () => {
    const { owner, ctx } = await accountWithOwner();
    const first = randomEmail("first");
    await inviteMembers(t.db, ctx, { emails: first, role: "member" }, meta);
    const fresh = randomEmail("fresh");

    const results = await inviteMembers(
      t.db,
      ctx,
      {
        emails: `${fresh}, ${fresh.toUpperCase()}\n${first.toUpperCase()}; ${owner.email} not-an-email`,
        role: "guest",
      },
      meta,
    );
    expect(results).toEqual([
      { email: fresh, outcome: "invited", invitationId: expect.any(String) },
      {
        email: first.toUpperCase(),
        outcome: "already_invited",
        invitationId: expect.any(String),
        expired: false,
      },
      { email: owner.email, outcome: "already_member" },
      { email: "not-an-email", outcome: "invalid" },
    ]);
  });

  it("queues one email per invitation, with a link built from APP_URL, and records the invitation", async () => {
    const { ctx } = await accountWithOwner();
    const { email, invitationId } = await inviteOne(ctx, "admin");
    const link = await linkInLatestEmail(t.db, email, "/invite/");
    expect(link.url.startsWith(`${process.env.APP_URL ?? "http://localhost:3000"}/invite/`)).toBe(true);
    const [row] = await t.db.select().from(invitations).where(eq(invitations.id, invitationId));
    expect(row).toMatchObject({
      status: "pending",
      role: "admin",
      sendCount: 1,
      invitedByUserId: ctx.user.id,
    });
    expect(row?.tokenHash).not.toBe(link.token); // only the hash is stored
    expect(row!.expiresAt.getTime() - row!.sentAt.getTime()).toBe(INVITATION_TTL_MS);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, invitationId));
    expect(events.map((e) => e.action)).toEqual(["invitation.created"]);
    expect(JSON.stringify(events)).not.toContain(link.token);
  });

  it("sends nothing for someone whose own email is not confirmed yet", async () => {
    const owner = await signUp(t.db, { verified: false });
    const ctx = await memberContextOf(t.db, owner.user, owner.account.shortName);
    const email = randomEmail("spam-target");
    await expect(inviteMembers(t.db, ctx, { emails: email, role: "guest" }, meta)).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("Confirm your email address"),
    });
    expect(await t.db.select().from(emailOutbox).where(eq(emailOutbox.to, email))).toEqual([]);
  });

  it("limits how many invitation emails one network sends in an hour, resends included", async () => {
    const { ctx } = await accountWithOwner();
    const { ctx: otherCtx } = await accountWithOwner();
    await onPlan(t.db, ctx.account.id, "business");
    await onPlan(t.db, otherCtx.account.id, "business");
    const network = {
      ip: `10.99.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      userAgent: "x",
    };
    const many = (n: number) => Array.from({ length: n }, () => randomEmail("bulk")).join(", ");
    for (let i = 0; i < 5; i++)
      await inviteMembers(t.db, i % 2 ? ctx : otherCtx, { emails: many(50), role: "guest" }, network);
    const [last] = await inviteMembers(t.db, ctx, { emails: many(49), role: "guest" }, network);
    expect(last?.outcome).toBe("invited");
    // 299 sent from this network: one resend is the 300th, the next is refused.
    const [first] = await inviteMembers(t.db, ctx, { emails: randomEmail(), role: "guest" }, NO_REQUEST_META);
    if (first?.outcome !== "invited") throw new Error("expected an invitation");
    await resendInvitation(t.db, ctx, first.invitationId, network);
    await expect(resendInvitation(t.db, ctx, first.invitationId, network)).rejects.toMatchObject({
      code: "rate_limited",
      message: expect.stringContaining("your network"),
    });
  });

  it("refuses to give a role holding permissions the inviter lacks", async () => {
    const { ctx } = await accountWithOwner();
    const limited = await limitedInviter(ctx);
    await expect(
      inviteMembers(t.db, limited, { emails: randomEmail(), role: "admin" }, meta),
    ).rejects.toMatchObject({
      code: "forbidden",
      field: "role",
    });
    await expect(
      inviteMembers(t.db, limited, { emails: randomEmail(), role: "member" }, meta),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    const [guest] = await inviteMembers(t.db, limited, { emails: randomEmail(), role: "guest" }, meta);
    expect(guest?.outcome).toBe("invited");
  });
});

describe("the invitation link", () => {
  it("shows the account, the inviter and the role; works until just before it expires, not after", async () => {
    const { owner, ctx } = await accountWithOwner();
    const sent = new Date();
    const { email, token } = await inviteOne(ctx, "member", sent);
    const expiresAt = new Date(sent.getTime() + INVITATION_TTL_MS);

    const found = await findInvitationByToken(t.db, token, new Date(expiresAt.getTime() - 1));
    expect(found).toMatchObject({
      email,
      roleLabel: "Member",
      account: { shortName: owner.account.shortName },
      inviter: { name: "Owner Olga", email: owner.email },
      userExists: false,
    });
    expect(await findInvitationByToken(t.db, token, expiresAt)).toBeNull();
    await expect(
      acceptInvitationAsNewUser(t.db, token, { name: "Late", password: PASSWORD }, meta, expiresAt),
    ).rejects.toMatchObject({
      message: INVITATION_INVALID,
    });
    const joined = await acceptInvitationAsNewUser(
      t.db,
      token,
      { name: "Just In Time", password: PASSWORD },
      meta,
      new Date(expiresAt.getTime() - 1),
    );
    expect(joined.account.shortName).toBe(owner.account.shortName);
  });

  it("creates the new user with a verified email and makes them a member with the invited role", async () => {
    const { owner, ctx } = await accountWithOwner();
    const { email, token } = await inviteOne(ctx, "guest");
    await acceptInvitationAsNewUser(t.db, token, { name: "Grace", password: PASSWORD }, meta);
    const [user] = await t.db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ name: "Grace", lastAccountId: owner.account.id });
    expect(user?.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await membershipsOf(owner.account.id, user!.id)).toEqual([
      expect.objectContaining({ role: "guest" }),
    ]);
  });

  it("works once: a used link is dead for anyone else, and gives the same user the same answer", async () => {
    const { owner, ctx } = await accountWithOwner();
    const invitee = await signUp(t.db);
    const [result] = await inviteMembers(t.db, ctx, { emails: invitee.email, role: "member" }, meta);
    expect(result?.outcome).toBe("invited");
    const { token } = await linkInLatestEmail(t.db, invitee.email, "/invite/");

    const user = { id: invitee.user.id, email: invitee.email };
    expect(await acceptInvitationByToken(t.db, token, user, meta)).toEqual({
      shortName: owner.account.shortName,
    });
    expect(await acceptInvitationByToken(t.db, token, user, meta)).toEqual({
      shortName: owner.account.shortName,
    });
    expect(await findInvitationByToken(t.db, token)).toBeNull();
    await expect(
      acceptInvitationAsNewUser(t.db, token, { name: "Other", password: PASSWORD }, meta),
    ).rejects.toMatchObject({
      message: INVITATION_INVALID,
    });
    expect(await membershipsOf(owner.account.id, invitee.user.id)).toHaveLength(1);
  });

  it("is refused to a signed-in user with another email", async () => {
    const { ctx } = await accountWithOwner();
    const { token } = await inviteOne(ctx);
    const someoneElse = await signUp(t.db);
    await expect(
      acceptInvitationByToken(t.db, token, { id: someoneElse.user.id, email: someoneElse.email }, meta),
    ).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("This invitation is for"),
    });
    expect(await findInvitationByToken(t.db, token)).not.toBeNull();
  });

  it("never overwrites the role of someone who is already a member", async () => {
    const { owner, ctx } = await accountWithOwner();
    const invitee = await signUp(t.db);
    await inviteMembers(t.db, ctx, { emails: invitee.email, role: "admin" }, meta);
    const { token } = await linkInLatestEmail(t.db, invitee.email, "/invite/");
    // They joined as a guest in the meantime (say, through another path).
    await t.db
      .insert(memberships)
      .values({ accountId: owner.account.id, userId: invitee.user.id, role: "guest" });

    await acceptInvitationByToken(t.db, token, { id: invitee.user.id, email: invitee.email }, meta);
    expect(await membershipsOf(owner.account.id, invitee.user.id)).toEqual([
      expect.objectContaining({ role: "guest" }),
    ]);
  });

  it("resending issues a new link and a new expiry; the old link stops working", async () => {
    const { ctx } = await accountWithOwner();
    const sent = new Date(Date.now() - 60_000);
    const { email, token: oldToken, invitationId } = await inviteOne(ctx, "member", sent);
    await resendInvitation(t.db, ctx, invitationId, meta);
    const { token: newToken } = await linkInLatestEmail(t.db, email, "/invite/");

    expect(newToken).not.toBe(oldToken);
    expect(await findInvitationByToken(t.db, oldToken)).toBeNull();
    expect(await findInvitationByToken(t.db, newToken)).toMatchObject({ email });
    const [row] = await t.db.select().from(invitations).where(eq(invitations.id, invitationId));
    expect(row?.sendCount).toBe(2);
    expect(row!.expiresAt.getTime()).toBeGreaterThan(sent.getTime() + INVITATION_TTL_MS);
  });

  it("an expired invitation shows as expired and can be renewed", async () => {
    const { ctx } = await accountWithOwner();
    const longAgo = new Date(Date.now() - INVITATION_TTL_MS - 60_000);
    const { email, invitationId } = await inviteOne(ctx, "member", longAgo);
    expect(
      (await listAccountInvitations(t.db, ctx.account.id)).find((i) => i.id === invitationId)?.state,
    ).toBe("expired");
    const [again] = await inviteMembers(t.db, ctx, { emails: email, role: "member" }, meta);
    expect(again).toMatchObject({ outcome: "already_invited", expired: true });

    await resendInvitation(t.db, ctx, invitationId, meta);
    const { token } = await linkInLatestEmail(t.db, email, "/invite/");
    expect(await findInvitationByToken(t.db, token)).not.toBeNull();
    expect(
      (await listAccountInvitations(t.db, ctx.account.id)).find((i) => i.id === invitationId)?.state,
    ).toBe("pending");
  });

  it("resending is rate-limited", async () => {
    const { ctx } = await accountWithOwner();
    const { invitationId } = await inviteOne(ctx);
    for (let i = 0; i < 5; i++) await resendInvitation(t.db, ctx, invitationId, meta);
    await expect(resendInvitation(t.db, ctx, invitationId, meta)).rejects.toMatchObject({
      code: "rate_limited",
    });
  });

  it("revoking stops the link at once and takes the invitation off the list", async () => {
    const { ctx } = await accountWithOwner();
    const { token, invitationId } = await inviteOne(ctx);
    await revokeInvitation(t.db, ctx, invitationId, meta);
    expect(await findInvitationByToken(t.db, token)).toBeNull();
    await expect(
      acceptInvitationAsNewUser(t.db, token, { name: "X", password: PASSWORD }, meta),
    ).rejects.toMatchObject({
      message: INVITATION_INVALID,
    });
    expect((await listAccountInvitations(t.db, ctx.account.id)).map((i) => i.id)).not.toContain(invitationId);
    await expect(revokeInvitation(t.db, ctx, invitationId, meta)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("declining closes the invitation, and the inviter sees it was declined", async () => {
    const { ctx } = await accountWithOwner();
    const { token, invitationId } = await inviteOne(ctx);
    await declineInvitation(t.db, { token }, meta);
    expect(await findInvitationByToken(t.db, token)).toBeNull();
    const listed = (await listAccountInvitations(t.db, ctx.account.id)).find((i) => i.id === invitationId);
    expect(listed?.state).toBe("declined");
  });

  it("an invitation from another account cannot be resent or revoked from this one", async () => {
    const { ctx } = await accountWithOwner();
    const { invitationId } = await inviteOne(ctx);
    const other = await accountWithOwner();
    await expect(resendInvitation(t.db, other.ctx, invitationId, meta)).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(revokeInvitation(t.db, other.ctx, invitationId, meta)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("invitations listed in the app", () => {
  it("are listed for the invited email, and accepting them needs a verified email", async () => {
    const { owner, ctx } = await accountWithOwner();
    const invitee = await signUp(t.db);
    await inviteMembers(t.db, ctx, { emails: invitee.email.toUpperCase(), role: "member" }, meta);
    const [mine] = await listInvitationsForEmail(t.db, invitee.email);
    expect(mine).toMatchObject({
      account: { shortName: owner.account.shortName },
      roleLabel: "Member",
      invitedBy: "Owner Olga",
    });

    const unverified = { id: invitee.user.id, email: invitee.email, emailVerifiedAt: null };
    await expect(acceptInvitationById(t.db, mine!.id, unverified, meta)).rejects.toMatchObject({
      code: "forbidden",
    });
    const verified = { ...unverified, emailVerifiedAt: new Date() };
    expect(await acceptInvitationById(t.db, mine!.id, verified, meta)).toEqual({
      shortName: owner.account.shortName,
    });
    expect(await listInvitationsForEmail(t.db, invitee.email)).toEqual([]);
  });

  it("cannot be accepted or declined by someone they are not addressed to", async () => {
    const { ctx } = await accountWithOwner();
    const { invitationId } = await inviteOne(ctx);
    const stranger = await signUp(t.db);
    const user = { id: stranger.user.id, email: stranger.email, emailVerifiedAt: new Date() };
    await expect(acceptInvitationById(t.db, invitationId, user, meta)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(declineInvitation(t.db, { invitationId, user }, meta)).rejects.toMatchObject({
      message: INVITATION_INVALID,
    });
  });
});

describe.skipIf(!onPostgres)("concurrent accepts (needs a PostgreSQL server)", () => {
  it("20 concurrent accepts of one link by its user make exactly one membership", async () => {
    const { owner, ctx } = await accountWithOwner();
    const invitee = await signUp(t.db);
    await inviteMembers(t.db, ctx, { emails: invitee.email, role: "member" }, meta);
    const { token } = await linkInLatestEmail(t.db, invitee.email, "/invite/");
    const user = { id: invitee.user.id, email: invitee.email };

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => acceptInvitationByToken(t.db, token, user, meta)),
    );
    expect(
      results.every((r) => r.status === "fulfilled" && r.value.shortName === owner.account.shortName),
    ).toBe(true);
    expect(await membershipsOf(owner.account.id, invitee.user.id)).toHaveLength(1);
    const accepted = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.accountId, owner.account.id), eq(auditEvents.action, "invitation.accepted")));
    expect(accepted).toHaveLength(1);
  });

  it("20 concurrent new-user accepts of one link make exactly one user and one membership", async () => {
    const { owner, ctx } = await accountWithOwner();
    const { email, token } = await inviteOne(ctx);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        acceptInvitationAsNewUser(t.db, token, { name: `Tab ${i}`, password: PASSWORD }, meta),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ message: INVITATION_INVALID });
    const created = await t.db.select().from(users).where(eq(users.email, email));
    expect(created).toHaveLength(1);
    expect(await membershipsOf(owner.account.id, created[0]!.id)).toHaveLength(1);
  });

  it("two admins inviting the same address at once make one invitation", async () => {
    const { ctx } = await accountWithOwner();
    const email = randomEmail("both");
    const [a, b] = await Promise.all([
      inviteMembers(t.db, ctx, { emails: email, role: "member" }, meta),
      inviteMembers(t.db, ctx, { emails: email, role: "member" }, meta),
    ]);
    expect([a![0]!.outcome, b![0]!.outcome].sort()).toEqual(["already_invited", "invited"]);
    expect(await t.db.select().from(invitations).where(eq(invitations.email, email))).toHaveLength(1);
  });
});

describe("invitations that carry project access", () => {
  it("grants the chosen projects with the chosen role when accepted, in the same step", async () => {
    const { ctx } = await accountWithOwner();
    await onPlan(t.db, ctx.account.id, "team");
    await createProject(t.db, ctx, { name: "Website", key: "WEB", description: "" }, meta);
    await createProject(t.db, ctx, { name: "Api", key: "API", description: "" }, meta);
    await createProject(t.db, ctx, { name: "Other", key: "OTHER", description: "" }, meta);
    const email = randomEmail("carried");
    const [result] = await inviteMembers(
      t.db,
      ctx,
      { emails: email, role: "guest", projectKeys: ["WEB", "API"], projectRole: "editor" },
      meta,
    );
    expect(result?.outcome).toBe("invited");
    const { token } = await linkInLatestEmail(t.db, email, "/invite/");
    expect((await findInvitationByToken(t.db, token))?.projects).toEqual([
      { name: "Api", role: "editor" },
      { name: "Website", role: "editor" },
    ]);

    // The Api project is deleted before the invitation is accepted: only Website is given.
    await deleteProject(t.db, (await loadProjectContext(t.db, ctx, "API"))!, "Api", meta);
    await acceptInvitationAsNewUser(t.db, token, { name: "Carried", password: PASSWORD }, meta);
    const { user } = (await findUserByEmailForTest(email))!;
    const joined = await memberContextOf(t.db, user, ctx.account.shortName);
    expect((await listProjects(t.db, joined)).rows.map((p) => p.key)).toEqual(["WEB"]);
    expect((await loadProjectContext(t.db, joined, "WEB"))?.projectRole).toBe("editor");
    expect(await loadProjectContext(t.db, joined, "OTHER")).toBeNull();
  });

  it("carries only projects whose access the inviter manages; otherwise nothing is sent", async () => {
    const { ctx } = await accountWithOwner();
    const web = await createProject(t.db, ctx, { name: "Website", key: "WEB", description: "" }, meta);
    // An inviter who manages no project's access: only these two permissions, and no project role.
    await t.db.delete(projectMembers).where(eq(projectMembers.projectId, web.id));
    const limited = await limitedInviter(ctx);
    const email = randomEmail("refused");
    await expect(
      inviteMembers(t.db, limited, { emails: email, role: "guest", projectKeys: ["WEB"] }, meta),
    ).rejects.toMatchObject({ field: "projectKeys" });
    await expect(
      inviteMembers(t.db, ctx, { emails: email, role: "guest", projectKeys: ["NOSUCH"] }, meta),
    ).rejects.toMatchObject({ code: "not_found", field: "projectKeys" });
    expect(await t.db.select().from(invitations).where(eq(invitations.email, email))).toEqual([]);
    expect(await t.db.select().from(emailOutbox).where(eq(emailOutbox.to, email))).toEqual([]);
  });
});

async function findUserByEmailForTest(email: string) {
  const [user] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return user ? { user } : null;
}
