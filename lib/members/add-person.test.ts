import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  accounts,
  auditEvents,
  emailOutbox,
  invitations,
  memberships,
  projectMembers,
  userTokens,
  users,
} from "@/db/schema";
import { defaultRoleChoice, setDefaultRole } from "@/lib/accounts/settings";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { unsealBody } from "@/lib/email/seal";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { createProject } from "@/lib/projects/projects";
import { createCustomRole, deleteCustomRole } from "@/lib/roles/custom-roles";
import { RESET_LINK_INVALID, setFirstPassword } from "@/lib/users/password-reset";
import { USERNAME_TAKEN } from "@/lib/users/profile";
import { linkInLatestEmail, memberContextOf, PASSWORD, randomEmail, signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { addPersonDirectly, type AddPersonInput } from "./add-person";
import { sendPasswordResetByAdmin } from "./password-reset-by-admin";

const t = testDatabase();
const meta = NO_REQUEST_META;

const person = (overrides: Partial<AddPersonInput> = {}): AddPersonInput => ({
  name: "Nora New",
  email: randomEmail("nora"),
  username: "",
  displayName: "",
  company: "",
  role: "member",
  projectKeys: [],
  projectRole: "viewer",
  sendWelcome: true,
  welcomeSubject: "",
  bccMe: false,
  ...overrides,
});

async function ownerOfAnAccount() {
  const owner = await signUp(t.db, { name: "Olga Owner" });
  const ctx = await memberContextOf(t.db, owner.user, owner.account.shortName);
  return { owner, ctx };
}

const userByEmail = async (email: string) =>
  (await t.db.select().from(users).where(eq(users.email, email)))[0];

const emailsTo = (to: string) =>
  t.db
    .select({ subject: emailOutbox.subject, bcc: emailOutbox.bcc, template: emailOutbox.template })
    .from(emailOutbox)
    .where(eq(emailOutbox.to, to));

describe("adding a person directly", () => {
  it("creates a user without a password, a membership with the role and projects, and emails a welcome link", async () => {
    const { owner, ctx } = await ownerOfAnAccount();
    await createProject(t.db, ctx, { name: "Website", key: "WEB", description: "" }, meta);
    const input = person({
      username: "nora-n",
      displayName: "Nora",
      company: "Acme, Inc.",
      role: "guest",
      projectKeys: ["WEB"],
      projectRole: "editor",
      welcomeSubject: "Your Acme login",
      bccMe: true,
    });
    const outcome = await addPersonDirectly(t.db, ctx, input, meta);
    expect(outcome).toMatchObject({ outcome: "added", name: "Nora New", welcomeSent: true });
    if (outcome.outcome !== "added") throw new Error("not added");

    const user = await userByEmail(input.email);
    expect(user).toMatchObject({
      name: "Nora New",
      username: "nora-n",
      displayName: "Nora",
      company: "Acme, Inc.",
      passwordHash: null,
      emailVerifiedAt: null,
      createdInAccountId: ctx.account.id,
    });
    const [membership] = await t.db
      .select()
      .from(memberships)
      .where(eq(memberships.id, outcome.membershipId));
    expect(membership).toMatchObject({
      role: "guest",
      addedByUserId: owner.user.id,
      awaitingApprovalSince: null,
    });
    const grants = await t.db
      .select({ role: projectMembers.role })
      .from(projectMembers)
      .where(eq(projectMembers.membershipId, outcome.membershipId));
    expect(grants).toEqual([{ role: "editor" }]);
    expect(await emailsTo(input.email)).toEqual([
      { subject: "Your Acme login", bcc: owner.email, template: "welcome" },
    ]);
    const [audit] = await t.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "member.added"), eq(auditEvents.targetId, outcome.membershipId)));
    expect(audit?.data).toMatchObject({
      email: input.email,
      role: "Guest",
      projects: ["WEB"],
      welcomeSent: true,
    });

    // They cannot sign in until they choose a password through the link, once.
    await expect(
      signInWithPassword(t.db, { email: input.email, password: PASSWORD }, meta),
    ).rejects.toMatchObject({
      code: "invalid",
    });
    const { token } = await linkInLatestEmail(t.db, input.email, "/set-password/");
    await setFirstPassword(t.db, token, PASSWORD, meta);
    expect((await userByEmail(input.email))?.emailVerifiedAt).not.toBeNull();
    expect(await signInWithPassword(t.db, { email: input.email, password: PASSWORD }, meta)).toMatchObject({
      status: "signed_in",
    });
    await expect(setFirstPassword(t.db, token, "another password", meta)).rejects.toMatchObject({
      message: RESET_LINK_INVALID,
    });
  });

  it("the welcome link works for 3 hours; an administrator sends a new one, which ends the old", async () => {
    const { ctx } = await ownerOfAnAccount();
    const input = person({ sendWelcome: false });
    const outcome = await addPersonDirectly(t.db, ctx, input, meta);
    expect(outcome).toMatchObject({ outcome: "added", welcomeSent: false });
    if (outcome.outcome !== "added") throw new Error("not added");
    expect(await emailsTo(input.email)).toEqual([]);

    // "Send password reset link" on their page sends a welcome link, since they never chose one.
    expect(
      await sendPasswordResetByAdmin(t.db, ctx, outcome.membershipId, { force: false }, meta),
    ).toMatchObject({
      link: "welcome",
    });
    const first = await linkInLatestEmail(t.db, input.email, "/set-password/");
    const later = new Date(Date.now() + 3 * 60 * 60 * 1000 + 1000);
    await expect(setFirstPassword(t.db, first.token, PASSWORD, meta, later)).rejects.toMatchObject({
      message: RESET_LINK_INVALID,
    });
    await sendPasswordResetByAdmin(t.db, ctx, outcome.membershipId, { force: false }, meta);
    const second = await linkInLatestEmail(t.db, input.email, "/set-password/");
    expect(second.token).not.toBe(first.token);
    await expect(setFirstPassword(t.db, first.token, PASSWORD, meta)).rejects.toMatchObject({
      message: RESET_LINK_INVALID,
    });
    await setFirstPassword(t.db, second.token, PASSWORD, meta);
    // Once they have a password, the same button sends an ordinary reset link.
    expect(
      await sendPasswordResetByAdmin(t.db, ctx, outcome.membershipId, { force: false }, meta),
    ).toMatchObject({
      link: "reset",
    });
  });

  it("never takes over an existing user: the address is invited instead, and the user is left as it was", async () => {
    const { ctx } = await ownerOfAnAccount();
    const existing = await signUp(t.db, { name: "Erin Existing" });
    const before = await userByEmail(existing.email);
    const outcome = await addPersonDirectly(
      t.db,
      ctx,
      person({ email: existing.email.toUpperCase(), name: "Someone Else", company: "Evil Corp" }),
      meta,
    );
    expect(outcome).toEqual({ outcome: "invited", email: existing.email.toUpperCase() });
    expect(await userByEmail(existing.email)).toEqual(before);
    const open = await t.db
      .select({ status: invitations.status })
      .from(invitations)
      .where(and(eq(invitations.accountId, ctx.account.id), eq(invitations.email, existing.email)));
    expect(open).toEqual([{ status: "pending" }]);
    // Twice: the invitation is already open.
    expect(await addPersonDirectly(t.db, ctx, person({ email: existing.email }), meta)).toMatchObject({
      outcome: "already_invited",
    });
  });

  it("joins waiting for approval where the account asks for it", async () => {
    const { ctx } = await ownerOfAnAccount();
    await t.db.update(accounts).set({ requireApproval: true }).where(eq(accounts.id, ctx.account.id));
    const outcome = await addPersonDirectly(t.db, ctx, person(), meta);
    if (outcome.outcome !== "added") throw new Error("not added");
    const [membership] = await t.db
      .select()
      .from(memberships)
      .where(eq(memberships.id, outcome.membershipId));
    expect(membership?.awaitingApprovalSince).not.toBeNull();
  });

  it("refuses a taken user name, a role above the adder's, or an unconfirmed adder, and writes nothing", async () => {
    const { owner, ctx } = await ownerOfAnAccount();
    const taken = person({ username: "taken-name" });
    await addPersonDirectly(t.db, ctx, taken, meta);
    const clash = person({ username: "TAKEN-NAME" });
    await expect(addPersonDirectly(t.db, ctx, clash, meta)).rejects.toMatchObject({
      field: "username",
      message: USERNAME_TAKEN,
    });
    expect(await userByEmail(clash.email)).toBeUndefined();

    // An administrator whose own permissions lack roles.manage cannot give a role that has it.
    const powerful = await createCustomRole(
      t.db,
      ctx,
      {
        name: "Role keeper",
        description: "",
        permissions: ["members.read", "members.manage", "roles.manage"],
      },
      meta,
    );
    const limited = await createCustomRole(
      t.db,
      ctx,
      {
        name: "People admin",
        description: "",
        permissions: ["members.read", "members.invite", "members.manage"],
      },
      meta,
    );
    const admin = await signUp(t.db, { name: "Pat People" });
    await t.db.insert(memberships).values({
      accountId: owner.account.id,
      userId: admin.user.id,
      role: "custom",
      customRoleId: limited!.id,
    });
    const adminCtx = await memberContextOf(t.db, admin.user, owner.account.shortName);
    const escalation = person({ role: `custom:${powerful!.id}` });
    await expect(addPersonDirectly(t.db, adminCtx, escalation, meta)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await userByEmail(escalation.email)).toBeUndefined();

    const unconfirmed = await signUp(t.db, { name: "Una Unconfirmed", verified: false });
    const unconfirmedCtx = await memberContextOf(t.db, unconfirmed.user, unconfirmed.account.shortName);
    const fromUnconfirmed = person();
    await expect(addPersonDirectly(t.db, unconfirmedCtx, fromUnconfirmed, meta)).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await userByEmail(fromUnconfirmed.email)).toBeUndefined();
    expect(
      await t.db
        .select({ id: userTokens.id })
        .from(userTokens)
        .where(eq(userTokens.email, fromUnconfirmed.email)),
    ).toEqual([]);
  });

  it("the welcome email names who added them and holds the link as text too", async () => {
    const { owner, ctx } = await ownerOfAnAccount();
    const input = person();
    await addPersonDirectly(t.db, ctx, input, meta);
    const [row] = await t.db
      .select({ sealedBody: emailOutbox.sealedBody, subject: emailOutbox.subject })
      .from(emailOutbox)
      .where(eq(emailOutbox.to, input.email));
    expect(row?.subject).toBe(`Welcome to ${owner.account.displayName} on Roster`);
    const { text } = unsealBody(row!.sealedBody!);
    expect(text).toContain("Olga Owner added you to");
    expect(text).toMatch(/\/set-password\/[A-Za-z0-9_-]{40,}/);
    expect(text).toContain("expires in 3 hours");
  });

  it("the account's default role for new people: Member until set; a custom default cannot be deleted", async () => {
    const { ctx } = await ownerOfAnAccount();
    expect(await defaultRoleChoice(t.db, ctx.account.id)).toBe("member");
    const customer = await createCustomRole(
      t.db,
      ctx,
      { name: "Customer", description: "", permissions: ["members.read"] },
      meta,
    );
    await setDefaultRole(t.db, ctx, `custom:${customer!.id}`, meta);
    expect(await defaultRoleChoice(t.db, ctx.account.id)).toBe(`custom:${customer!.id}`);
    await expect(deleteCustomRole(t.db, ctx, customer!.id, undefined, meta)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("default for new people"),
    });
    await setDefaultRole(t.db, ctx, "guest", meta);
    expect(await defaultRoleChoice(t.db, ctx.account.id)).toBe("guest");
    await deleteCustomRole(t.db, ctx, customer!.id, undefined, meta);
    // A role of another account is not one of this account's.
    const other = await ownerOfAnAccount();
    const foreign = await createCustomRole(
      t.db,
      other.ctx,
      { name: "Foreign", description: "", permissions: [] },
      meta,
    );
    await expect(setDefaultRole(t.db, ctx, `custom:${foreign!.id}`, meta)).rejects.toMatchObject({
      field: "role",
    });
  });
});
