import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { testDatabase } from "@/tests/test-db";
import { auditEventBatches, listAuditEvents, type AuditCursor, type AuditFilters } from "./queries";
import type { AuditAction } from "./record";

const t = testDatabase();

type Seed = {
  action?: AuditAction;
  at: string;
  actor?: string | null;
  target?: string | null;
};

/** Inserts events of a fresh account (and returns it): times given, so that ties are ours to make. */
async function seedAccount(events: Seed[]) {
  const accountId = randomUUID();
  if (events.length > 0) {
    await t.db.insert(auditEvents).values(
      events.map((e) => ({
        accountId,
        action: e.action ?? "account.updated",
        actorUserId: e.actor ?? null,
        actorEmail: e.actor ? `${e.actor.slice(0, 8)}@example.test` : null,
        targetUserId: e.target ?? null,
        createdAt: new Date(e.at),
      })),
    );
  }
  return accountId;
}

/** Every page, walking older: the ids in the order shown. */
async function walkOlder(accountId: string, filters: AuditFilters, pageSize: number) {
  const ids: number[] = [];
  let cursor: AuditCursor = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listAuditEvents(t.db, accountId, filters, cursor, pageSize);
    ids.push(...page.events.map((e) => e.id));
    if (!page.older) return ids;
    cursor = { after: page.older };
  }
  throw new Error("paging never ended");
}

describe("listAuditEvents", () => {
  it("lists an account's events newest first, then by id among equal times", async () => {
    const accountId = await seedAccount([
      { at: "2026-01-01T10:00:00Z" },
      { at: "2026-01-03T10:00:00Z" },
      { at: "2026-01-02T10:00:00Z" },
      { at: "2026-01-02T10:00:00Z" },
    ]);
    const { events, newer, older } = await listAuditEvents(t.db, accountId, {}, null);
    expect(events.map((e) => e.createdAt.toISOString())).toEqual([
      "2026-01-03T10:00:00.000Z",
      "2026-01-02T10:00:00.000Z",
      "2026-01-02T10:00:00.000Z",
      "2026-01-01T10:00:00.000Z",
    ]);
    expect(events[1]!.id).toBeGreaterThan(events[2]!.id);
    expect(newer).toBeNull();
    expect(older).toBeNull();
  });

  it("pages by keyset without gaps or repeats, across equal times, both ways", async () => {
    // 23 events on 4 distinct times: every page boundary falls inside a run of equal times.
    const seeds = Array.from({ length: 23 }, (_, i) => ({ at: `2026-02-0${1 + (i % 4)}T08:00:00.123456Z` }));
    const accountId = await seedAccount(seeds);
    const all = (await listAuditEvents(t.db, accountId, {}, null, 100)).events.map((e) => e.id);
    expect(all).toHaveLength(23);
    expect(await walkOlder(accountId, {}, 5)).toEqual(all);

    // Back up from the last page towards the newest: the same pages, in reverse.
    let page = await listAuditEvents(t.db, accountId, {}, null, 5);
    const pages = [page.events.map((e) => e.id)];
    while (page.older) {
      page = await listAuditEvents(t.db, accountId, {}, { after: page.older }, 5);
      pages.push(page.events.map((e) => e.id));
    }
    const back = [page.events.map((e) => e.id)];
    while (page.newer) {
      page = await listAuditEvents(t.db, accountId, {}, { before: page.newer }, 5);
      back.unshift(page.events.map((e) => e.id));
    }
    expect(back.flat()).toEqual(all);
    expect(page.newer).toBeNull();
  });

  it("never shows another account's events", async () => {
    const person = randomUUID();
    const mine = await seedAccount([{ at: "2026-03-01T00:00:00Z", actor: person }]);
    await seedAccount([
      { at: "2026-03-02T00:00:00Z", actor: person },
      { at: "2026-03-02T00:00:00Z", target: person },
    ]);
    expect((await listAuditEvents(t.db, mine, {}, null)).events).toHaveLength(1);
    expect((await listAuditEvents(t.db, mine, { person }, null)).events).toHaveLength(1);
    expect((await listAuditEvents(t.db, randomUUID(), {}, null)).events).toEqual([]);
  });

  it("filters by action", async () => {
    const accountId = await seedAccount([
      { at: "2026-04-01T00:00:00Z", action: "member.removed" },
      { at: "2026-04-02T00:00:00Z", action: "role.created" },
      { at: "2026-04-03T00:00:00Z", action: "member.removed" },
    ]);
    const { events } = await listAuditEvents(t.db, accountId, { action: "member.removed" }, null);
    expect(events.map((e) => e.action)).toEqual(["member.removed", "member.removed"]);
  });

  it("filters by a date range of whole UTC days, both ends included", async () => {
    const accountId = await seedAccount([
      { at: "2026-05-01T23:59:59.999999Z" },
      { at: "2026-05-02T00:00:00Z" },
      { at: "2026-05-03T23:59:59.999999Z" },
      { at: "2026-05-04T00:00:00Z" },
    ]);
    const days = async (filters: AuditFilters) =>
      (await listAuditEvents(t.db, accountId, filters, null)).events.map((e) => e.createdAt.toISOString());
    expect(await days({ from: "2026-05-02", to: "2026-05-03" })).toEqual([
      "2026-05-03T23:59:59.999Z",
      "2026-05-02T00:00:00.000Z",
    ]);
    expect(await days({ from: "2026-05-04" })).toEqual(["2026-05-04T00:00:00.000Z"]);
    expect(await days({ to: "2026-05-01" })).toEqual(["2026-05-01T23:59:59.999Z"]);
  });

  it("finds a person as the actor and as the one the event is about, once each, and pages them", async () => {
    const ada = randomUUID();
    const bob = randomUUID();
    const seeds: Seed[] = [];
    for (let i = 0; i < 12; i++) {
      const at = `2026-06-0${1 + (i % 3)}T12:00:00Z`;
      seeds.push({ at, actor: ada, target: bob, action: "member.role_changed" });
      seeds.push({ at, actor: bob, target: ada, action: "member.disabled" });
      seeds.push({ at, actor: bob, target: null });
    }
    seeds.push({ at: "2026-06-05T00:00:00Z", actor: ada, target: ada, action: "member.left" });
    const accountId = await seedAccount(seeds);
    const everything = (await listAuditEvents(t.db, accountId, {}, null, 100)).events;
    const aboutAda = everything
      .filter((e) => e.actorUserId === ada || e.targetUserId === ada)
      .map((e) => e.id);
    expect(aboutAda).toHaveLength(25);
    expect(await walkOlder(accountId, { person: ada }, 4)).toEqual(aboutAda);

    // Walking back towards the newest gives the same pages.
    const first = await listAuditEvents(t.db, accountId, { person: ada }, null, 4);
    const second = await listAuditEvents(t.db, accountId, { person: ada }, { after: first.older! }, 4);
    const back = await listAuditEvents(t.db, accountId, { person: ada }, { before: second.newer! }, 4);
    expect(back.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(back.newer).toBeNull();

    // Combined with an action: only her events of that kind, whichever side she is on.
    const disabled = await listAuditEvents(t.db, accountId, { person: ada, action: "member.disabled" }, null);
    expect(disabled.events).toHaveLength(12);
    expect(disabled.events.every((e) => e.targetUserId === ada)).toBe(true);
  });

  it("gives the export every filtered event in batches", async () => {
    const seeds = Array.from({ length: 7 }, () => ({ at: "2026-07-01T00:00:00Z" }));
    const accountId = await seedAccount(seeds);
    const batches: number[] = [];
    for await (const batch of auditEventBatches(t.db, accountId, {}, 3)) batches.push(batch.length);
    expect(batches).toEqual([3, 3, 1]);
  });
});
