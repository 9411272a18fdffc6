import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, auditEvents, memberships, projectMembers, projects, sessions, users } from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { createProject } from "@/lib/projects/projects";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { setFirstPassword } from "@/lib/users/password-reset";
import { USERNAME_TAKEN } from "@/lib/users/profile";
import {
  linkInLatestEmail,
  memberContextOf,
  PASSWORD,
  passwordSession,
  randomEmail,
  signUp,
  signUpAndJoin,
  type JoinRole,
} from "@/tests/fixtures";
import { onPostgres, testDatabase } from "@/tests/test-db";
import { addPersonDirectly, type AddPersonInput } from "./add-person";
import {
  deletePerson,
  loadPersonDetails,
  NOT_CREATED_HERE,
  NOT_DELETABLE_HERE,
  updatePersonDetails,
} from "./edit-person";
import { OWNER_IS_FIXED } from "./manage";

const t = testDatabase();
const meta = NO_REQUEST_META;

const NEW_DETAILS = { username: "", displayName: "Renamed", company: "Elsewhere Ltd" };

/** An account with its owner, and ways to add people who signed up themselves or were created here. */
async function team() {
  const owner = await signUp(t.db, { name: "Olga Owner" });
  const shortName = owner.account.shortName;
  const ownerCtx = await memberContextOf(t.db, owner.user, shortName);
  const ctxOf = (user: { id: string }) => memberContextOf(t.db, user, shortName);

  /** Someone who signed up (with an account of their own) and was added here with `role`. */
  const signedUp = async (role: JoinRole, name: string) => {
    const person = await signUpAndJoin(t.db, owner.account.id, role, name);
    return { userId: person.user.id, email: person.email, membershipId: person.membershipId };
  };

  /** Someone an administrator added with "New user": this account created their user. */
  const createdHere = async (overrides: Partial<AddPersonInput> = {}) => {
    const email = randomEmail("nora");
    const outcome = await addPersonDirectly(
      t.db,
      ownerCtx,
      {
        name: "Nora New",
        email,
        username: "",
        displayName: "Nora",
        company: "Analytical Engines",
        role: "member",
        projectKeys: [],
        projectRole: "viewer",
        sendWelcome: true,
        welcomeSubject: "",
        bccMe: false,
        ...overrides,
      },
      meta,
    );
    if (outcome.outcome !== "added") throw new Error(`not added: ${outcome.outcome}`);
    const [user] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    return { userId: user!.id, email, membershipId: outcome.membershipId };
  };

  return { owner, ownerCtx, shortName, ctxOf, signedUp, createdHere };
}

const userRow = async (userId: string) =>
  (
    await t.db
      .select({
        username: users.username,
        displayName: users.displayName,
        company: users.company,
        name: users.name,
      })
      .from(users)
      .where(eq(users.id, userId))
  )[0];

const membershipExists = async (membershipId: string) =>
  (await t.db.select({ id: memberships.id }).from(memberships).where(eq(memberships.id, membershipId)))
    .length === 1;

const eventsOn = (membershipId: string) =>
  t.db
    .select({ action: auditEvents.action, data: auditEvents.data })
    .from(auditEvents)
    .where(eq(auditEvents.targetId, membershipId));

/** Both changes are refused with `message`, and the person is left exactly as they were. */
async function expectBothRefused(
  ctx: MemberContext,
  person: { userId: string; membershipId: string },
  message?: { edit: string; delete: string },
) {
  const before = await userRow(person.userId);
  await expect(updatePersonDetails(t.db, ctx, person.membershipId, NEW_DETAILS, meta)).rejects.toMatchObject({
    code: "forbidden",
    ...(message && { message: message.edit }),
  });
  await expect(deletePerson(t.db, ctx, person.membershipId, meta)).rejects.toMatchObject({
    code: "forbidden",
    ...(message && { message: message.delete }),
  });
  expect(await userRow(person.userId)).toEqual(before);
  expect(await membershipExists(person.membershipId)).toBe(true);
  const actions = (await eventsOn(person.membershipId)).map((e) => e.action);
  expect(actions).not.toContain("member.profile_updated");
  expect(actions).not.toContain("member.deleted");
}

describe("editing a person's details", () => {
  it("an administrator edits a user this account created; the member list's copies follow", async () => {
    const { owner, ctxOf, signedUp, createdHere } = await team();
    const admin = await signedUp("admin", "Ada Admin");
    const nora = await createdHere({ username: `nora-${Date.now()}` });
    expect(await loadPersonDetails(t.db, owner.account.id, nora.membershipId)).toMatchObject({
      displayName: "Nora",
      company: "Analytical Engines",
      heldHere: true,
    });

    const adminCtx = await ctxOf({ id: admin.userId });
    await expect(updatePersonDetails(t.db, adminCtx, nora.membershipId, NEW_DETAILS, meta)).resolves.toEqual({
      changed: true,
    });
    expect(await userRow(nora.userId)).toMatchObject({
      username: null,
      displayName: "Renamed",
      company: "Elsewhere Ltd",
    });
    const [copy] = await t.db
      .select({ company: memberships.memberCompany, username: memberships.memberUsername })
      .from(memberships)
      .where(eq(memberships.id, nora.membershipId));
    expect(copy).toEqual({ company: "Elsewhere Ltd", username: "" });

    // The same values again change nothing and log nothing more.
    await expect(updatePersonDetails(t.db, adminCtx, nora.membershipId, NEW_DETAILS, meta)).resolves.toEqual({
      changed: false,
    });
    const events = (await eventsOn(nora.membershipId)).filter((e) => e.action === "member.profile_updated");
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      member: nora.email,
      before: { displayName: "Nora", company: "Analytical Engines" },
      after: { username: null, displayName: "Renamed", company: "Elsewhere Ltd" },
    });
  });

  it("a user name someone else has is refused next to the field", async () => {
    const { ownerCtx, createdHere } = await team();
    const taken = `taken-${Date.now()}`;
    await createdHere({ username: taken });
    const nora = await createdHere();
    await expect(
      updatePersonDetails(
        t.db,
        ownerCtx,
        nora.membershipId,
        { ...NEW_DETAILS, username: taken.toUpperCase() },
        meta,
      ),
    ).rejects.toMatchObject({ code: "conflict", message: USERNAME_TAKEN, field: "username" });
    expect(await userRow(nora.userId)).toMatchObject({ username: null, company: "Analytical Engines" });
  });
});

describe("who may be edited or deleted", () => {
  it("not someone who signed up themselves", async () => {
    const { owner, ownerCtx, signedUp } = await team();
    const max = await signedUp("member", "Max Member");
    expect(await loadPersonDetails(t.db, owner.account.id, max.membershipId)).toMatchObject({
      heldHere: false,
    });
    await expectBothRefused(ownerCtx, max, { edit: NOT_CREATED_HERE, delete: NOT_DELETABLE_HERE });
  });

  it("not someone created here who also belongs to another account", async () => {
    const { owner, ownerCtx, createdHere } = await team();
    const nora = await createdHere();
    const elsewhere = await signUp(t.db, { name: "Other Owner" });
    await t.db
      .insert(memberships)
      .values({ accountId: elsewhere.account.id, userId: nora.userId, role: "member" });
    expect(await loadPersonDetails(t.db, owner.account.id, nora.membershipId)).toMatchObject({
      heldHere: false,
    });
    await expectBothRefused(ownerCtx, nora, { edit: NOT_CREATED_HERE, delete: NOT_DELETABLE_HERE });
  });

  it("not someone created in another account", async () => {
    const { ownerCtx, createdHere } = await team();
    const nora = await createdHere();
    const elsewhere = await signUp(t.db, { name: "Other Owner" });
    // Created by the other account, later a member here only (their membership there ended).
    await t.db
      .update(users)
      .set({ createdInAccountId: elsewhere.account.id })
      .where(eq(users.id, nora.userId));
    await expectBothRefused(ownerCtx, nora, { edit: NOT_CREATED_HERE, delete: NOT_DELETABLE_HERE });
  });

  it("never the owner, never oneself, never someone holding more", async () => {
    const { owner, ownerCtx, ctxOf, createdHere } = await team();
    const admin = await createdHere({ name: "Ada Admin", role: "admin" });
    const adminCtx = await ctxOf({ id: admin.userId });
    await expectBothRefused(
      adminCtx,
      { userId: owner.user.id, membershipId: ownerCtx.membership.id },
      { edit: OWNER_IS_FIXED, delete: OWNER_IS_FIXED },
    );
    await expectBothRefused(adminCtx, admin);

    const role = await createCustomRole(
      t.db,
      ownerCtx,
      { name: "People desk", description: "", permissions: ["members.read", "members.manage"] },
      meta,
    );
    const desk = await createdHere({ name: "Dee Desk", role: `custom:${role!.id}` });
    await expectBothRefused(await ctxOf({ id: desk.userId }), admin);
    // Without `members.manage` at all.
    const member = await createdHere({ name: "Max Member" });
    await expectBothRefused(await ctxOf({ id: member.userId }), desk);
  });
});

describe("deleting a person", () => {
  it("removes their user, membership, sessions and project access; what they created stays", async () => {
    const { owner, ownerCtx, ctxOf, signedUp, createdHere } = await team();
    const admin = await signedUp("admin", "Ada Admin");
    await createProject(t.db, ownerCtx, { name: "Website", key: "WEB", description: "" }, meta);
    const nora = await createdHere({ projectKeys: ["WEB"], projectRole: "editor" });

    // She chooses her password, signs in and creates a project of her own.
    const { token } = await linkInLatestEmail(t.db, nora.email, "/set-password/");
    await setFirstPassword(t.db, token, PASSWORD, meta);
    await passwordSession(t.db, { email: nora.email, password: PASSWORD }, meta);
    const noraProject = await createProject(
      t.db,
      await ctxOf({ id: nora.userId }),
      { name: "Nora's notes", key: "NOTES", description: "" },
      meta,
    );
    const [{ memberCount: countBefore }] = (await t.db
      .select({ memberCount: accounts.memberCount })
      .from(accounts)
      .where(eq(accounts.id, owner.account.id))) as [{ memberCount: number }];

    await expect(
      deletePerson(t.db, await ctxOf({ id: admin.userId }), nora.membershipId, meta),
    ).resolves.toEqual({ name: "Nora New" });

    expect(await t.db.select().from(users).where(eq(users.id, nora.userId))).toEqual([]);
    expect(await membershipExists(nora.membershipId)).toBe(false);
    expect(await t.db.select().from(sessions).where(eq(sessions.userId, nora.userId))).toEqual([]);
    expect(
      await t.db.select().from(projectMembers).where(eq(projectMembers.membershipId, nora.membershipId)),
    ).toEqual([]);
    const [kept] = await t.db
      .select({ name: projects.name, createdBy: projects.createdByUserId })
      .from(projects)
      .where(and(eq(projects.accountId, owner.account.id), eq(projects.key, noraProject.key)));
    expect(kept).toEqual({ name: "Nora's notes", createdBy: null });
    const [after] = await t.db
      .select({ memberCount: accounts.memberCount })
      .from(accounts)
      .where(eq(accounts.id, owner.account.id));
    expect(after?.memberCount).toBe(countBefore - 1);

    const [event] = (await eventsOn(nora.membershipId)).filter((e) => e.action === "member.deleted");
    expect(event?.data).toMatchObject({ email: nora.email, name: "Nora New", userId: nora.userId });

    // Deleting again finds nobody.
    await expect(
      deletePerson(t.db, await ctxOf({ id: admin.userId }), nora.membershipId, meta),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe.skipIf(!onPostgres)("deleting while they join another account (needs a PostgreSQL server)", () => {
  it("waits for the joining to commit, then refuses: a user in two accounts is never deleted", async () => {
    const { ownerCtx, createdHere } = await team();
    const nora = await createdHere();
    const elsewhere = await signUp(t.db, { name: "Other Owner" });
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let joined!: () => void;
    const insertedNotCommitted = new Promise<void>((resolve) => (joined = resolve));
    const joining = t.db.transaction(async (tx) => {
      await tx
        .insert(memberships)
        .values({ accountId: elsewhere.account.id, userId: nora.userId, role: "member" });
      joined();
      await committed;
    });
    await insertedNotCommitted;
    const deleting = deletePerson(t.db, ownerCtx, nora.membershipId, meta);
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await joining;
    await expect(deleting).rejects.toMatchObject({ code: "forbidden", message: NOT_DELETABLE_HERE });
    expect(await membershipExists(nora.membershipId)).toBe(true);
    expect(await userRow(nora.userId)).toBeTruthy();
  });
});
