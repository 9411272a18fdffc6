import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { accounts, auditEvents, memberships } from "@/db/schema";
import type { Caller } from "@/lib/actions/action";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { membersExportResponse } from "@/lib/members/export-download";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { parseCsv, readDownload } from "@/tests/csv";
import { callerFor, memberContextOf, randomShortName, signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { ACTORS, buildWorld, type Actor, type World } from "./world";

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
