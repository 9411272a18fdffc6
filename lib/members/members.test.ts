import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  auditEvents,
  emailOutbox,
  memberships,
  projectMembers,
  projects,
  sessions,
  users,
} from "@/db/schema";
import type { MemberContext } from "@/lib/accounts/member-context";
import { createSession } from "@/lib/auth/sessions";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { createCustomRole, deleteCustomRole, updateCustomRole } from "@/lib/roles/custom-roles";
import {
  memberContextOf,
  PASSWORD,
  randomEmail,
  signUp,
  signUpAndJoin,
  type JoinRole,
} from "@/tests/fixtures";
import { onPostgres, testDatabase } from "@/tests/test-db";
import { loadMembershipAccess } from "./access";
import {
  changeMemberRole,
  leaveAccount,
  OWNER_IS_FIXED,
  removeMember,
  updateMemberPermissions,
} from "./manage";
import { type MemberFilters, countMatchingMembers, countMembers, listMembers, MEMBER_SORTS } from "./queries";
import { transferOwnership } from "./transfer-ownership";

const t = testDatabase();
const meta = NO_REQUEST_META;

/** An account with an owner, and a way to add members with a role and get their context. */
async function team() {
  const owner = await signUp(t.db, { name: "Olga Owner" });
  const shortName = owner.account.shortName;
  const add = async (role: JoinRole, name = `Person ${Math.random().toString(36).slice(2, 7)}`) => {
    const person = await signUpAndJoin(t.db, owner.account.id, role, name);
    return { ...person, ctx: () => memberContextOf(t.db, person.user, shortName) };
  };
  const ownerCtx = await memberContextOf(t.db, owner.user, shortName);
  return { owner, ownerCtx, shortName, accountId: owner.account.id, add };
}

const access = async (membershipId: string) =>
  (await loadMembershipAccess(t.db, eq(memberships.id, membershipId)))[0];

describe("the member list", () => {
  it("pages forwards and backwards in every order without skipping or repeating anyone", async () => {
    const { accountId, add } = await team();
    for (let i = 0; i < 11; i++) {
      const person = await add(
        i % 3 === 0 ? "guest" : i % 3 === 1 ? "member" : "admin",
        `Name ${String(i).padStart(2, "0")}`,
      );
      // Some with a user name, a company, a last activity; some without (those sort last).
      await t.db
        .update(users)
        .set({
          username: i % 2 ? `user-${i % 4}-${i}` : null,
          company: i % 3 ? `Company ${i % 2}` : null,
          lastActiveAt: i % 4 ? new Date(Date.now() - (i % 2) * 60_000) : null,
        })
        .where(eq(users.id, person.user.id));
      if (i === 5)
        await t.db
          .update(memberships)
          .set({ awaitingApprovalSince: new Date() })
          .where(eq(memberships.id, person.membershipId));
    }
    for (const sort of MEMBER_SORTS) {
      const all = await listMembers(t.db, accountId, { sort, limit: 100 });
      expect(all.members).toHaveLength(12);
      const seen: string[] = [];
      let page = await listMembers(t.db, accountId, { sort, limit: 5 });
      expect(page.previous).toBeNull();
      const pages = [page];
      seen.push(...page.members.map((m) => m.membershipId));
      while (page.next) {
        page = await listMembers(t.db, accountId, { sort, limit: 5, cursor: { after: page.next } });
        pages.push(page);
        seen.push(...page.members.map((m) => m.membershipId));
      }
      expect(seen).toEqual(all.members.map((m) => m.membershipId));
      expect(pages.map((p) => p.members.length)).toEqual([5, 5, 2]);
      // And back again from the last page.
      const back = await listMembers(t.db, accountId, {
        sort,
        limit: 5,
        cursor: { before: pages[2]!.previous! },
      });
      expect(back.members.map((m) => m.membershipId)).toEqual(pages[1]!.members.map((m) => m.membershipId));
      expect(back.next).not.toBeNull();
      expect(back.previous).not.toBeNull();
    }
  });

  it("sorts by name, by role rank, and by newest first", async () => {
    const { accountId, add } = await team();
    await add("guest", "Aaron Guest");
    await add("admin", "Zed Admin");
    const byName = await listMembers(t.db, accountId, { sort: "name" });
    expect(byName.members.map((m) => m.name)).toEqual(["Aaron Guest", "Olga Owner", "Zed Admin"]);
    const byRole = await listMembers(t.db, accountId, { sort: "role" });
    expect(byRole.members.map((m) => m.roleLabel)).toEqual(["Owner", "Administrator", "Guest"]);
    const byJoined = await listMembers(t.db, accountId, { sort: "joined" });
    expect(byJoined.members.map((m) => m.name)).toEqual(["Zed Admin", "Aaron Guest", "Olga Owner"]);
  });

  it("searches names and emails by substring, case-insensitively, with wildcards taken literally", async () => {
    const { accountId, add } = await team();
    const grace = await add("member", "Grace Hopper");
    await add("member", "Alan Turing");
    expect((await listMembers(t.db, accountId, { q: "HOPP" })).members.map((m) => m.name)).toEqual([
      "Grace Hopper",
    ]);
    expect(
      (await listMembers(t.db, accountId, { q: grace.email.slice(0, 12).toUpperCase() })).members.map(
        (m) => m.name,
      ),
    ).toEqual(["Grace Hopper"]);
    expect((await listMembers(t.db, accountId, { q: "%" })).members).toEqual([]);
    expect((await listMembers(t.db, accountId, { q: "nobody-like-this" })).members).toEqual([]);
  });

  it("pages search results too, and starts over from the first page on a tampered cursor", async () => {
    const { accountId, add } = await team();
    for (let i = 0; i < 7; i++) await add("member", `Searchable ${i}`);
    const first = await listMembers(t.db, accountId, { q: "searchable", limit: 5 });
    const second = await listMembers(t.db, accountId, {
      q: "searchable",
      limit: 5,
      cursor: { after: first.next! },
    });
    expect([...first.members, ...second.members].map((m) => m.name)).toEqual(
      Array.from({ length: 7 }, (_, i) => `Searchable ${i}`),
    );
    for (const sort of MEMBER_SORTS) {
      for (const bad of [
        "not base64 json",
        Buffer.from(JSON.stringify(["x", "y", "z"])).toString("base64url"),
      ]) {
        const page = await listMembers(t.db, accountId, { sort, cursor: { after: bad } });
        expect(page.members).toHaveLength(8);
      }
    }
  });

  it("sorts by user name and company with blanks last, by status, and by last activity with the never-active last", async () => {
    const { accountId, add, owner } = await team();
    const set = async (userId: string, values: Partial<typeof users.$inferInsert>) =>
      t.db.update(users).set(values).where(eq(users.id, userId));
    const bea = await add("member", "Bea");
    const cy = await add("member", "Cy");
    const dee = await add("member", "Dee");
    await set(bea.user.id, {
      username: "zed",
      company: "Acme",
      lastActiveAt: new Date(Date.now() - 3_600_000),
    });
    await set(cy.user.id, { username: "amy", lastActiveAt: null });
    await set(dee.user.id, { company: "Beta Corp", lastActiveAt: new Date() });
    await set(owner.user.id, { lastActiveAt: new Date(Date.now() - 60_000) });
    await t.db
      .update(memberships)
      .set({ disabledAt: new Date() })
      .where(eq(memberships.id, dee.membershipId));
    const names = async (sort: (typeof MEMBER_SORTS)[number]) =>
      (await listMembers(t.db, accountId, { sort, filters: { showDisabled: true } })).members.map(
        (m) => m.name,
      );
    expect(await names("username")).toEqual(["Cy", "Bea", "Dee", "Olga Owner"]);
    expect(await names("company")).toEqual(["Bea", "Dee", "Cy", "Olga Owner"]);
    expect(await names("status")).toEqual(["Bea", "Cy", "Olga Owner", "Dee"]);
    expect(await names("lastActive")).toEqual(["Dee", "Olga Owner", "Bea", "Cy"]);
    const cyRow = (await listMembers(t.db, accountId, { q: "amy" })).members;
    expect(cyRow).toEqual([expect.objectContaining({ name: "Cy", username: "amy", lastActiveAt: null })]);
  });

  it("hides disabled people unless asked, and filters by role, status and project, with matching totals", async () => {
    const { accountId, add, ownerCtx } = await team();
    const role = await createCustomRole(
      t.db,
      ownerCtx,
      { name: "Customer", description: "", permissions: [] },
      meta,
    );
    const ann = await add("member", "Ann");
    const ben = await add("guest", "Ben");
    await add({ customRoleId: role!.id }, "Cat");
    const dan = await add("member", "Dan");
    await t.db
      .update(memberships)
      .set({ disabledAt: new Date() })
      .where(eq(memberships.id, dan.membershipId));
    await t.db
      .update(memberships)
      .set({ awaitingApprovalSince: new Date() })
      .where(eq(memberships.id, ben.membershipId));
    const [project] = await t.db
      .insert(projects)
      .values({ accountId, key: "WEB", name: "Website" })
      .returning({ id: projects.id });
    await t.db.insert(projectMembers).values([
      { accountId, projectId: project!.id, membershipId: ann.membershipId, role: "editor" },
      { accountId, projectId: project!.id, membershipId: dan.membershipId, role: "viewer" },
    ]);
    const view = async (filters: MemberFilters, q = "") => {
      const page = await listMembers(t.db, accountId, { q, filters });
      // The page's total comes in the page's own statement; counted alone, it is the same.
      expect(page.total).toEqual(await countMatchingMembers(t.db, accountId, q, filters));
      return { names: page.members.map((m) => m.name), total: page.total };
    };
    expect(await view({})).toEqual({
      names: ["Ann", "Ben", "Cat", "Olga Owner"],
      total: { count: 4, exact: true },
    });
    expect((await view({ showDisabled: true })).total.count).toBe(5);
    expect(await view({ status: "disabled" })).toEqual({ names: ["Dan"], total: { count: 1, exact: true } });
    expect((await view({ status: "awaiting" })).names).toEqual(["Ben"]);
    expect((await view({ role: "member", showDisabled: true })).names).toEqual(["Ann", "Dan"]);
    expect((await view({ role: `custom:${role!.id}` })).names).toEqual(["Cat"]);
    expect((await view({ role: "custom:not-a-uuid" })).names).toEqual([]);
    expect(await view({ project: "WEB" })).toEqual({ names: ["Ann"], total: { count: 1, exact: true } });
    expect((await view({ project: "WEB", showDisabled: true })).names).toEqual(["Ann", "Dan"]);
    expect((await view({}, "ann")).total).toEqual({ count: 1, exact: true });
    const [row] = (await listMembers(t.db, accountId, { filters: { project: "WEB" } })).members;
    expect(row!.projects).toEqual([{ key: "WEB", name: "Website", role: "editor" }]);
  });

  it("counts the total with the page, and on its own past the end of a cursor", async () => {
    const { accountId, add } = await team();
    await add("member", "Name A");
    await add("member", "Name B");
    const last = await add("member", "Name C");
    const filters: MemberFilters = { role: "member" };
    const first = await listMembers(t.db, accountId, { filters, limit: 2 });
    expect(first.total).toEqual({ count: 3, exact: true });
    // The rows after the cursor are gone: an empty page, and the total of those who remain.
    await t.db.delete(memberships).where(eq(memberships.id, last.membershipId));
    const past = await listMembers(t.db, accountId, { filters, limit: 2, cursor: { after: first.next! } });
    expect(past.members).toEqual([]);
    expect(past.total).toEqual({ count: 2, exact: true });
    expect((await listMembers(t.db, accountId, { q: "nobody-like-this" })).total).toEqual({
      count: 0,
      exact: true,
    });
  });

  it("searches user names and companies too, and follows their changes", async () => {
    const { accountId, add } = await team();
    const person = await add("member", "Plain Name");
    await t.db
      .update(users)
      .set({ username: "hopper-g", company: "Navy Labs" })
      .where(eq(users.id, person.user.id));
    expect((await listMembers(t.db, accountId, { q: "HOPPER" })).members.map((m) => m.name)).toEqual([
      "Plain Name",
    ]);
    expect((await listMembers(t.db, accountId, { q: "navy lab" })).members.map((m) => m.company)).toEqual([
      "Navy Labs",
    ]);
  });

  it("a session's start and use mark its user active, and the table follows", async () => {
    const { accountId, owner } = await team();
    await t.db.update(users).set({ lastActiveAt: null }).where(eq(users.id, owner.user.id));
    const lastActive = async () =>
      (await listMembers(t.db, accountId, {})).members[0]!.lastActiveAt?.getTime();
    expect(await lastActive()).toBeUndefined();
    const started = new Date(Date.now() - 60_000);
    await createSession(t.db, owner.user.id, meta, started);
    expect(await lastActive()).toBe(started.getTime());
    const seen = new Date();
    await t.db.update(sessions).set({ lastSeenAt: seen }).where(eq(sessions.userId, owner.user.id));
    expect(await lastActive()).toBe(seen.getTime());
  });

  it("shows only the account's own members, and counts them", async () => {
    const a = await team();
    const b = await team();
    await b.add("member", "Only In B");
    expect((await listMembers(t.db, a.accountId, { q: "Only In B" })).members).toEqual([]);
    expect(await countMembers(t.db, b.accountId)).toBe(2);
  });

  it("follows a user's new name and email (kept by the database)", async () => {
    const { accountId, add } = await team();
    const person = await add("member", "Old Name");
    const email = randomEmail("renamed");
    await t.db.update(users).set({ name: "New Name", email }).where(eq(users.id, person.user.id));
    const found = await listMembers(t.db, accountId, { q: "new name" });
    expect(found.members).toEqual([expect.objectContaining({ name: "New Name", email })]);
  });
});

describe("changing roles", () => {
  it("an administrator changes a member's role; the change is audit-logged with before and after", async () => {
    const { add, accountId } = await team();
    const admin = await add("admin");
    const member = await add("member");
    await changeMemberRole(t.db, await admin.ctx(), member.membershipId, "guest", meta);
    expect((await access(member.membershipId))?.role).toBe("guest");
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.accountId, accountId), eq(auditEvents.action, "member.role_changed")));
    expect(event?.data).toMatchObject({ before: { role: "Member" }, after: { role: "Guest" } });
  });

  it("nobody gives a role holding permissions they lack, nor the owner role", async () => {
    const { add } = await team();
    const admin = await add("admin");
    const member = await add("member");
    const limited: MemberContext = { ...(await admin.ctx()) };
    // An administrator can make another member an administrator (they hold all of it)…
    await changeMemberRole(t.db, limited, member.membershipId, "admin", meta);
    // …but "owner" is no role choice at all.
    await expect(changeMemberRole(t.db, limited, member.membershipId, "owner", meta)).rejects.toMatchObject({
      code: "invalid",
    });
  });

  it("nobody changes the owner, or someone of higher rank", async () => {
    const { owner, add, ownerCtx } = await team();
    const admin = await add("admin");
    const ownerMembership = ownerCtx.membership.id;
    await expect(
      changeMemberRole(t.db, await admin.ctx(), ownerMembership, "member", meta),
    ).rejects.toMatchObject({
      message: OWNER_IS_FIXED,
    });
    await expect(removeMember(t.db, await admin.ctx(), ownerMembership, meta)).rejects.toMatchObject({
      message: OWNER_IS_FIXED,
    });
    // A member given "manage members" still ranks below an administrator, who holds more.
    const member = await add("member");
    await updateMemberPermissions(t.db, ownerCtx, member.membershipId, { "members.manage": "grant" }, meta);
    await expect(
      changeMemberRole(t.db, await member.ctx(), admin.membershipId, "guest", meta),
    ).rejects.toMatchObject({
      message: expect.stringContaining("holds permissions you don't have"),
    });
    // …but they can manage a guest.
    const guest = await add("guest");
    await removeMember(t.db, await member.ctx(), guest.membershipId, meta);
    expect(owner).toBeTruthy();
  });

  it("a member without the permission can change no one", async () => {
    const { add } = await team();
    const member = await add("member");
    const guest = await add("guest");
    await expect(
      changeMemberRole(t.db, await member.ctx(), guest.membershipId, "member", meta),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("a membership of another account is not found", async () => {
    const a = await team();
    const b = await team();
    const other = await b.add("member");
    await expect(changeMemberRole(t.db, a.ownerCtx, other.membershipId, "guest", meta)).rejects.toMatchObject(
      { code: "not_found" },
    );
    await expect(removeMember(t.db, a.ownerCtx, other.membershipId, meta)).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("per-member permissions", () => {
  it("grants and withdraws exceptions to the role, resets them, and says what changed", async () => {
    const { add, ownerCtx } = await team();
    const member = await add("member");
    const summary = await updateMemberPermissions(
      t.db,
      ownerCtx,
      member.membershipId,
      { "members.invite": "grant", "projects.create": "withdraw", "members.read": "grant" },
      meta,
    );
    // members.read comes with the role: granting it is no exception.
    expect(summary).toEqual({ granted: ["members.invite"], withdrawn: ["projects.create"], reset: [] });
    const after = await access(member.membershipId);
    expect(after?.permissions.has("members.invite")).toBe(true);
    expect(after?.permissions.has("projects.create")).toBe(false);

    const reset = await updateMemberPermissions(
      t.db,
      ownerCtx,
      member.membershipId,
      { "members.invite": "default" },
      meta,
    );
    expect(reset).toEqual({ granted: [], withdrawn: [], reset: ["members.invite"] });
    expect((await access(member.membershipId))?.permissions.has("members.invite")).toBe(false);
  });

  it("nobody grants a permission they do not hold", async () => {
    const { add } = await team();
    const admin = await add("admin");
    const member = await add("member");
    await expect(
      updateMemberPermissions(
        t.db,
        await admin.ctx(),
        member.membershipId,
        { "billing.manage": "grant" },
        meta,
      ),
    ).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("you don't hold it yourself"),
    });
    expect((await access(member.membershipId))?.overrides).toEqual([]);
  });

  it("a role change clears the member's exceptions", async () => {
    const { add, ownerCtx } = await team();
    const member = await add("member");
    await updateMemberPermissions(t.db, ownerCtx, member.membershipId, { "members.manage": "grant" }, meta);
    await changeMemberRole(t.db, ownerCtx, member.membershipId, "guest", meta);
    const after = await access(member.membershipId);
    expect(after?.overrides).toEqual([]);
    expect(after?.permissions.has("members.manage")).toBe(false);
  });
});

describe("removing and leaving", () => {
  it("removes a member and keeps their audit trail; the owner cannot leave", async () => {
    const { add, ownerCtx, accountId } = await team();
    const member = await add("member");
    await removeMember(t.db, ownerCtx, member.membershipId, meta);
    expect(await access(member.membershipId)).toBeUndefined();
    const [removed] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.accountId, accountId), eq(auditEvents.action, "member.removed")));
    expect(removed?.data).toMatchObject({ member: member.email });

    await expect(leaveAccount(t.db, ownerCtx, meta)).rejects.toMatchObject({ code: "forbidden" });
    const guest = await add("guest");
    await leaveAccount(t.db, await guest.ctx(), meta);
    expect(await access(guest.membershipId)).toBeUndefined();
  });
});

describe("custom roles", () => {
  it("are named permission sets members can hold; editing one changes every holder's permissions", async () => {
    const { add, ownerCtx } = await team();
    const role = await createCustomRole(
      t.db,
      ownerCtx,
      { name: "Vendor", description: "Outside help", permissions: ["members.read"] },
      meta,
    );
    const vendor = await add({ customRoleId: role!.id });
    expect((await access(vendor.membershipId))?.roleLabel).toBe("Vendor");
    expect([...(await access(vendor.membershipId))!.permissions]).toEqual(["members.read"]);

    await updateCustomRole(
      t.db,
      ownerCtx,
      role!.id,
      { name: "Vendor", description: "", permissions: ["members.read", "members.invite"] },
      meta,
    );
    expect((await access(vendor.membershipId))?.permissions.has("members.invite")).toBe(true);
  });

  it("rank by the permissions they hold: a holder manages only those who hold nothing more", async () => {
    const { add, ownerCtx } = await team();
    const manager = await createCustomRole(
      t.db,
      ownerCtx,
      {
        name: "Manager",
        description: "",
        permissions: ["members.read", "members.manage", "projects.create"],
      },
      meta,
    );
    const boss = await add({ customRoleId: manager!.id });
    const member = await add("member");
    const admin = await add("admin");
    await changeMemberRole(t.db, await boss.ctx(), member.membershipId, "guest", meta);
    await expect(
      changeMemberRole(t.db, await boss.ctx(), admin.membershipId, "guest", meta),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("have unique names in an account, and nobody puts into one a permission they lack", async () => {
    const { add, ownerCtx } = await team();
    await createCustomRole(t.db, ownerCtx, { name: "Customer", description: "", permissions: [] }, meta);
    await expect(
      createCustomRole(t.db, ownerCtx, { name: "customer", description: "", permissions: [] }, meta),
    ).rejects.toMatchObject({
      code: "conflict",
      field: "name",
    });
    const admin = await add("admin");
    await expect(
      createCustomRole(
        t.db,
        await admin.ctx(),
        { name: "Billing", description: "", permissions: ["billing.manage"] },
        meta,
      ),
    ).rejects.toMatchObject({ code: "forbidden", field: "permissions" });
  });

  it("can be deleted when nobody holds them, or after moving their members to another role", async () => {
    const { add, ownerCtx } = await team();
    const unused = await createCustomRole(
      t.db,
      ownerCtx,
      { name: "Unused", description: "", permissions: [] },
      meta,
    );
    await deleteCustomRole(t.db, ownerCtx, unused!.id, undefined, meta);

    const used = await createCustomRole(
      t.db,
      ownerCtx,
      { name: "Used", description: "", permissions: ["members.read"] },
      meta,
    );
    const holder = await add({ customRoleId: used!.id });
    await expect(deleteCustomRole(t.db, ownerCtx, used!.id, undefined, meta)).rejects.toMatchObject({
      code: "conflict",
      message: "1 member holds this role. Choose a role to move them to.",
    });
    await deleteCustomRole(t.db, ownerCtx, used!.id, "guest", meta);
    expect((await access(holder.membershipId))?.role).toBe("guest");
  });
});

describe("custom roles and the people who hold them", () => {
  it("a role held by someone the editor can't manage can be neither edited nor deleted by them", async () => {
    const { add, ownerCtx } = await team();
    const contractor = await createCustomRole(
      t.db,
      ownerCtx,
      { name: "Contractor", description: "", permissions: ["members.read"] },
      meta,
    );
    const holder = await add({ customRoleId: contractor!.id });
    await updateMemberPermissions(t.db, ownerCtx, holder.membershipId, { "billing.manage": "grant" }, meta);
    const admin = await add("admin");
    await expect(
      deleteCustomRole(t.db, await admin.ctx(), contractor!.id, "guest", meta),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      updateCustomRole(
        t.db,
        await admin.ctx(),
        contractor!.id,
        { name: "Contractor", description: "", permissions: [] },
        meta,
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect((await access(holder.membershipId))?.permissions.has("billing.manage")).toBe(true);
  });
});

describe("ownership transfer", () => {
  it("is refused to anyone but the owner before any password is checked, and password tries are limited", async () => {
    const { add, ownerCtx } = await team();
    const admin = await add("admin");
    await expect(
      transferOwnership(t.db, await admin.ctx(), admin.membershipId, PASSWORD, meta),
    ).rejects.toMatchObject({
      code: "forbidden",
      message: "Only the owner can transfer ownership.",
    });
    for (let i = 0; i < 5; i++) {
      await expect(
        transferOwnership(t.db, ownerCtx, admin.membershipId, `guess ${i}`, meta),
      ).rejects.toMatchObject({ field: "password" });
    }
    await expect(transferOwnership(t.db, ownerCtx, admin.membershipId, PASSWORD, meta)).rejects.toMatchObject(
      { code: "rate_limited" },
    );
  });

  it("needs the owner's password, then moves ownership in one step and emails both", async () => {
    const { owner, add, ownerCtx, accountId } = await team();
    const next = await add("member", "Nora Next");
    await expect(
      transferOwnership(t.db, ownerCtx, next.membershipId, "wrong password", meta),
    ).rejects.toMatchObject({
      field: "password",
    });
    await transferOwnership(t.db, ownerCtx, next.membershipId, PASSWORD, meta);
    expect((await access(next.membershipId))?.role).toBe("owner");
    expect((await access(ownerCtx.membership.id))?.role).toBe("admin");
    const mails = await t.db
      .select({ to: emailOutbox.to, subject: emailOutbox.subject })
      .from(emailOutbox)
      .where(eq(emailOutbox.accountId, accountId));
    expect(
      mails
        .filter((m) => m.subject.startsWith("Ownership of"))
        .map((m) => m.to)
        .sort(),
    ).toEqual([owner.email, next.email].sort());
    // The old owner, now an administrator, cannot transfer again.
    await expect(
      transferOwnership(
        t.db,
        await memberContextOf(t.db, owner.user, ownerCtx.account.shortName),
        next.membershipId,
        PASSWORD,
        meta,
      ),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe.skipIf(!onPostgres)("two administrators at once (needs a PostgreSQL server)", () => {
  it("demoting each other: exactly one demotion happens, and the account keeps its owner", async () => {
    for (let round = 0; round < 5; round++) {
      const { add, accountId } = await team();
      const a = await add("admin");
      const b = await add("admin");
      const [ctxA, ctxB] = await Promise.all([a.ctx(), b.ctx()]);
      const results = await Promise.allSettled([
        changeMemberRole(t.db, ctxA, b.membershipId, "member", meta),
        changeMemberRole(t.db, ctxB, a.membershipId, "member", meta),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.find((r) => r.status === "rejected")?.reason).toMatchObject({ code: "forbidden" });
      const roles = [(await access(a.membershipId))?.role, (await access(b.membershipId))?.role].sort();
      expect(roles).toEqual(["admin", "member"]);
      const owners = await t.db
        .select()
        .from(memberships)
        .where(and(eq(memberships.accountId, accountId), eq(memberships.role, "owner")));
      expect(owners).toHaveLength(1);
    }
  });

  it("withdrawing an administrator's right to manage while they remove you: exactly one of the two happens", async () => {
    for (let round = 0; round < 5; round++) {
      const { add, ownerCtx } = await team();
      const a = await add("admin");
      const b = await add("admin");
      const [ctxA, ctxB] = await Promise.all([a.ctx(), b.ctx()]);
      const results = await Promise.allSettled([
        updateMemberPermissions(t.db, ctxA, b.membershipId, { "members.manage": "withdraw" }, meta),
        removeMember(t.db, ctxB, a.membershipId, meta),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const [stillA, stillB] = [await access(a.membershipId), await access(b.membershipId)];
      // Either B lost the right (and A is still there), or A is gone (and B kept it).
      expect(Boolean(stillA) === (stillB?.permissions.has("members.manage") === false)).toBe(true);
      expect(ownerCtx).toBeTruthy();
    }
  });

  it("demoting and removing the last administrators in parallel never touches the owner", async () => {
    const { add, accountId, ownerCtx } = await team();
    const admins = await Promise.all([add("admin"), add("admin"), add("admin")]);
    const ctxs = await Promise.all(admins.map((a) => a.ctx()));
    await Promise.allSettled([
      ...ctxs.map((ctx, i) => changeMemberRole(t.db, ctx, admins[(i + 1) % 3]!.membershipId, "member", meta)),
      ...ctxs.map((ctx, i) => removeMember(t.db, ctx, admins[(i + 2) % 3]!.membershipId, meta)),
      ...ctxs.map((ctx) => changeMemberRole(t.db, ctx, ownerCtx.membership.id, "member", meta)),
    ]);
    const owners = await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.accountId, accountId), eq(memberships.role, "owner")));
    expect(owners.map((o) => o.id)).toEqual([ownerCtx.membership.id]);
  });

  it("two transfers of ownership at once leave exactly one owner", async () => {
    const { add, accountId, ownerCtx } = await team();
    const x = await add("admin");
    const y = await add("member");
    await Promise.allSettled([
      transferOwnership(t.db, ownerCtx, x.membershipId, PASSWORD, meta),
      transferOwnership(t.db, ownerCtx, y.membershipId, PASSWORD, meta),
    ]);
    const owners = await t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.accountId, accountId), eq(memberships.role, "owner")));
    expect(owners).toHaveLength(1);
    expect([x.membershipId, y.membershipId]).toContain(owners[0]!.id);
  });
});
