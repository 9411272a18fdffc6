import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { accounts, auditEvents, memberships, users } from "@/db/schema";
import type { Caller } from "@/lib/actions/action";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { auditExportResponse } from "@/lib/audit/export-download";
import { membersExportResponse } from "@/lib/members/export-download";
import { changeMemberRole } from "@/lib/members/manage";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { parseCsv, readDownload } from "@/tests/csv";
import { callerFor, memberContextOf, randomShortName, signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { ACTORS, buildWorld, type Actor, type World } from "./world";
import { findActiveSession } from "@/lib/auth/sessions";
import { startImpersonation } from "@/lib/members/impersonation";
import AdminLayout from "@/app/admin/layout";
import AdminUsersPage from "@/app/admin/page";
import AdminAccountsPage from "@/app/admin/accounts/page";
import { setUserDisabledAction } from "@/app/admin/actions";

// The console's pages read the session the way every page does (getCurrentSession, from the
// Auth.js cookie); here it comes from the token of the caller under test. Nothing else changes.
const currentToken = vi.hoisted(() => ({ value: null as string | null }));
vi.mock("@/lib/auth/current", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/current")>();
  const { getDb } = await import("@/db/client");
  const sessions = await import("@/lib/auth/sessions");
  return {
    ...original,
    getCurrentSession: async () => {
      const token = currentToken.value;
      const active = token ? await sessions.findActiveSession(await getDb(), token) : null;
      return active && token ? { ...active, token } : null;
    },
  };
});

/**
 * Route handlers × every kind of caller, like the matrix of server actions (matrix.test.ts,
 * which discovers actions.ts files only). A route handler's work lives in a lib/ function that
 * takes the session token (the route reads it from the Auth.js cookie), called here directly.
 * Refusals follow pages: the signed out are sent to sign in, a disabled or waiting member to
 * their accounts page, outsiders and members without the permission get 404.
 */
const t = testDatabase();
let world: World;

beforeAll(async () => {
  world = await buildWorld(t.db);
});

const NOW = new Date("2026-12-02T10:00:00Z");

const exportAs = (caller: Caller, shortName = world.account.shortName) =>
  membersExportResponse(t.db, { sessionToken: caller.sessionToken, meta: caller.meta, shortName, now: NOW });

const exportsBy = async (userId: string) => {
  const [row] = await t.db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "members.exported"), eq(auditEvents.actorUserId, userId)));
  return row?.n ?? 0;
};

describe("GET /a/[account]/members/export", () => {
  const expected = (actor: Actor, shortName: string): { status: number; location?: string } => {
    switch (actor) {
      case "owner":
      case "admin":
        return { status: 200 };
      case "signedOut":
        return {
          status: 307,
          location: `/sign-in?callbackUrl=${encodeURIComponent(`/a/${shortName}/members/export`)}`,
        };
      case "disabled":
        return { status: 307, location: `/accounts?disabled=${shortName}` };
      case "awaiting":
        return { status: 307, location: `/accounts?awaiting=${shortName}` };
      default:
        return { status: 404 };
    }
  };

  for (const actor of ACTORS) {
    it(`answers the ${actor} as pages would`, async () => {
      const person = actor === "signedOut" ? null : world.people[actor];
      const before = person ? await exportsBy(person.id) : 0;
      const response = await exportAs(world.callers[actor]);
      const { status, location } = expected(actor, world.account.shortName);
      expect(response.status).toBe(status);
      expect(response.headers.get("location")).toBe(location ?? null);
      expect(response.headers.get("cache-control")).toBe("no-store");
      if (status === 200) {
        expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
        expect(await readDownload(response.body)).toMatch(/^\uFEFFName,User name,Display name,Email,/);
      } else {
        expect(response.headers.get("content-disposition")).toBeNull();
        await response.body?.cancel();
      }
      // Audited when allowed (as the export starts), and only then.
      if (person) expect(await exportsBy(person.id)).toBe(before + (status === 200 ? 1 : 0));
    });
  }

  it("is a file named after the account and the day, listing every member of the account", async () => {
    const response = await exportAs(world.callers.admin);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="${world.account.shortName}-people-2026-12-02.csv"`,
    );
    const [, ...rows] = parseCsv(await readDownload(response.body));
    const members = await t.db
      .select({ email: memberships.memberEmail })
      .from(memberships)
      .where(eq(memberships.accountId, world.account.id));
    expect(rows.map((row) => row[3]).sort()).toEqual(members.map((m) => m.email).sort());
  });

  it("records who exported which account, from where", async () => {
    await exportAs({ ...world.callers.owner, meta: { ip: "203.0.113.9", userAgent: "test agent" } });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "members.exported"), eq(auditEvents.ip, "203.0.113.9")));
    expect(event).toMatchObject({
      accountId: world.account.id,
      actorUserId: world.people.owner.id,
      actorEmail: world.people.owner.email,
      targetType: "account",
      targetId: world.account.id,
      data: {},
      userAgent: "test agent",
    });
  });

  it("answers 404 for an account that does not exist, as for one the caller is not in", async () => {
    const response = await exportAs(world.callers.owner, randomShortName("missing"));
    expect(response.status).toBe(404);
    // Nothing that could not be a short name reaches the database (a NUL byte would fail there).
    for (const bad of ["Bad Name", "a\u0000b", "x".repeat(5000), "../settings"]) {
      expect((await exportAs(world.callers.owner, bad)).status).toBe(404);
    }
  });

  it("follows the permission, not the role: a custom role holding members.manage may export", async () => {
    const ownerCtx = await memberContextOf(t.db, world.people.owner, world.account.shortName);
    const desk = await createCustomRole(
      t.db,
      ownerCtx,
      {
        name: `People desk ${randomShortName()}`,
        description: "",
        permissions: ["members.read", "members.manage"],
      },
      NO_REQUEST_META,
    );
    const clerk = await signUp(t.db, { name: "Desk Clerk" });
    await t.db
      .insert(memberships)
      .values({ accountId: world.account.id, userId: clerk.user.id, role: "custom", customRoleId: desk.id });
    const response = await exportAs(await callerFor(t.db, clerk.email));
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });

  it("sends an administrator who must first set up two-factor to do so, as pages do", async () => {
    const owner = await signUp(t.db, { name: "Strict Owner" });
    await t.db
      .update(accounts)
      .set({ requireTwoFactorForAdmins: true })
      .where(eq(accounts.id, owner.account.id));
    const response = await exportAs(await callerFor(t.db, owner.email), owner.account.shortName);
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(`/profile/two-factor?required=${owner.account.shortName}`);
    expect(await exportsBy(owner.user.id)).toBe(0);
  });
});

describe("GET /a/[account]/audit/export", () => {
  const auditExportAs = (
    caller: Caller,
    query: Record<string, string> = {},
    shortName = world.account.shortName,
  ) =>
    auditExportResponse(t.db, {
      sessionToken: caller.sessionToken,
      meta: caller.meta,
      shortName,
      query,
      now: NOW,
    });

  const auditExportsBy = async (userId: string) => {
    const [row] = await t.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "audit.exported"), eq(auditEvents.actorUserId, userId)));
    return row?.n ?? 0;
  };

  const expected = (actor: Actor, shortName: string): { status: number; location?: string } => {
    switch (actor) {
      case "owner":
      case "admin":
        return { status: 200 };
      case "signedOut":
        return {
          status: 307,
          location: `/sign-in?callbackUrl=${encodeURIComponent(`/a/${shortName}/audit/export`)}`,
        };
      case "disabled":
        return { status: 307, location: `/accounts?disabled=${shortName}` };
      case "awaiting":
        return { status: 307, location: `/accounts?awaiting=${shortName}` };
      default:
        // Members without audit.read and outsiders: as if there were nothing here.
        return { status: 404 };
    }
  };

  for (const actor of ACTORS) {
    it(`answers the ${actor} as the audit log page would`, async () => {
      const person = actor === "signedOut" ? null : world.people[actor];
      const before = person ? await auditExportsBy(person.id) : 0;
      const response = await auditExportAs(world.callers[actor]);
      const { status, location } = expected(actor, world.account.shortName);
      expect(response.status).toBe(status);
      expect(response.headers.get("location")).toBe(location ?? null);
      expect(response.headers.get("cache-control")).toBe("no-store");
      if (status === 200) {
        expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
        expect(await readDownload(response.body)).toMatch(/^\uFEFFTime \(UTC\),Actor,On behalf of,Action,/);
      } else {
        expect(response.headers.get("content-disposition")).toBeNull();
        await response.body?.cancel();
      }
      if (person) expect(await auditExportsBy(person.id)).toBe(before + (status === 200 ? 1 : 0));
    });
  }

  it("exports the filtered view of this account only, and records the export with its filters", async () => {
    const response = await auditExportAs(
      { ...world.callers.owner, meta: { ip: "203.0.113.77", userAgent: "audit agent" } },
      { action: "role.created" },
    );
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="${world.account.shortName}-audit-log-2026-12-02.csv"`,
    );
    const [header, ...rows] = parseCsv(await readDownload(response.body));
    expect(header![4]).toBe("Action code");
    // The world's owner created the Coordinator role: at least that event, and nothing else.
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row[4] === "role.created")).toBe(true);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "audit.exported"), eq(auditEvents.ip, "203.0.113.77")));
    expect(event).toMatchObject({
      accountId: world.account.id,
      actorUserId: world.people.owner.id,
      data: { filters: { action: "role.created" } },
    });
    // Another account's export never holds this account's events.
    const other = await auditExportAs(world.callers.otherAccountOwner, {}, world.otherAccount.shortName);
    const [, ...otherRows] = parseCsv(await readDownload(other.body));
    expect(otherRows.some((row) => row[1] === world.people.admin.email)).toBe(false);
  });

  it("filters by a person typed as an email: events they did and events about them", async () => {
    const ownerCtx = await memberContextOf(t.db, world.people.owner, world.account.shortName);
    const target = await world.addMember("member", "Audited Person");
    await changeMemberRole(t.db, ownerCtx, target.membershipId, "guest", NO_REQUEST_META);
    const response = await auditExportAs(world.callers.admin, { email: target.email });
    const [, ...rows] = parseCsv(await readDownload(response.body));
    expect(rows.map((row) => [row[1], row[4], row[7]])).toEqual([
      [world.people.owner.email, "member.role_changed", target.email],
    ]);
  });

  it("answers 404 for an account that does not exist, and for names no account could have", async () => {
    for (const bad of [randomShortName("missing"), "Bad Name", "a\u0000b", "../settings"]) {
      expect((await auditExportAs(world.callers.owner, {}, bad)).status).toBe(404);
    }
  });

  it("follows the permission, not the role: a custom role holding audit.read may export", async () => {
    const ownerCtx = await memberContextOf(t.db, world.people.owner, world.account.shortName);
    const auditors = await createCustomRole(
      t.db,
      ownerCtx,
      { name: `Auditors ${randomShortName()}`, description: "", permissions: ["audit.read"] },
      NO_REQUEST_META,
    );
    const auditor = await signUp(t.db, { name: "Ann Auditor" });
    await t.db.insert(memberships).values({
      accountId: world.account.id,
      userId: auditor.user.id,
      role: "custom",
      customRoleId: auditors.id,
    });
    const response = await auditExportAs(await callerFor(t.db, auditor.email));
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });
});

describe("/admin (the platform console)", () => {
  const NOT_FOUND = "NEXT_HTTP_ERROR_FALLBACK;404";
  const pages = {
    "/admin (layout)": () => AdminLayout({ children: null }),
    "/admin": () =>
      AdminUsersPage({ params: Promise.resolve({}), searchParams: Promise.resolve({}) } as never),
    "/admin?q=x&sort=email": () =>
      AdminUsersPage({
        params: Promise.resolve({}),
        searchParams: Promise.resolve({ q: "x", sort: "email" }),
      } as never),
    "/admin/accounts": () =>
      AdminAccountsPage({ params: Promise.resolve({}), searchParams: Promise.resolve({}) } as never),
  };
  const open = async (caller: Caller, page: () => Promise<unknown>) => {
    currentToken.value = caller.sessionToken;
    try {
      return { element: await page() };
    } catch (error) {
      return { digest: (error as { digest?: string }).digest ?? String(error) };
    } finally {
      currentToken.value = null;
    }
  };

  for (const actor of ACTORS) {
    for (const [path, page] of Object.entries(pages)) {
      const allowed = actor === "operator";
      it(`${path}: ${allowed ? "opens for" : "answers 404 to"} the ${actor}`, async () => {
        const outcome = await open(world.callers[actor], page);
        if (allowed) expect(outcome.element).toBeTruthy();
        else expect(outcome).toEqual({ digest: NOT_FOUND });
      });
    }
  }

  it("answers 404, and refuses its actions as not found, to an operator's user in an acting session", async () => {
    // An operator who is also a Member of the world's account, acted as by its administrator.
    const person = await signUp(t.db, { name: "Acted Operator" });
    await t.db.update(users).set({ isPlatformOperator: true }).where(eq(users.id, person.user.id));
    const [membership] = await t.db
      .insert(memberships)
      .values({ accountId: world.account.id, userId: person.user.id, role: "member" })
      .returning({ id: memberships.id });
    const adminSession = (await findActiveSession(t.db, world.callers.admin.sessionToken!))!;
    const { token } = await startImpersonation(
      t.db,
      await memberContextOf(t.db, { id: world.people.admin.id }, world.account.shortName),
      adminSession,
      { membershipId: membership!.id, reason: "Console check" },
      NO_REQUEST_META,
    );
    const acting: Caller = { sessionToken: token, meta: NO_REQUEST_META };
    for (const page of Object.values(pages)) expect(await open(acting, page)).toEqual({ digest: NOT_FOUND });
    const target = await signUp(t.db);
    expect(
      await setUserDisabledAction.runAs(acting, { userId: target.user.id, disabled: "true" }),
    ).toMatchObject({ ok: false, code: "not_found" });
    // Their own session still opens it.
    const own = await callerFor(t.db, person.email);
    expect((await open(own, pages["/admin"])).element).toBeTruthy();
  });

  it("answers 404 to an operator as soon as they are no longer one, in the same session", async () => {
    const person = await signUp(t.db, { name: "Former Operator" });
    await t.db.update(users).set({ isPlatformOperator: true }).where(eq(users.id, person.user.id));
    const caller = await callerFor(t.db, person.email);
    expect((await open(caller, pages["/admin"])).element).toBeTruthy();
    await t.db.update(users).set({ isPlatformOperator: false }).where(eq(users.id, person.user.id));
    expect(await open(caller, pages["/admin"])).toEqual({ digest: NOT_FOUND });
  });
});
