import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { randomEmail } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { recordAuditEvent } from "./record";

/**
 * The audit log cannot be rewritten: UPDATE and DELETE are refused by a row trigger and
 * TRUNCATE by a statement trigger (for the database owner too), and the role the app runs as
 * in production (`roster_app`, README: "Running with the append-only database role") has no
 * UPDATE, DELETE or TRUNCATE privilege on it at all. Every statement here runs in a
 * transaction that is rolled back, so the shared test database keeps nothing of it (an audit
 * event, once committed, could never be removed), and a TRUNCATE that wrongly succeeded
 * would not empty the log under the tests running beside this file.
 */
const t = testDatabase();

const ROLLED_BACK = Symbol("rolled back on purpose");

/** Runs `work` in a transaction (as `roster_app` when asked) and always rolls it back. */
async function rolledBack<T>(work: (tx: Db) => Promise<T>, options: { asApp?: boolean } = {}): Promise<T> {
  let result: { value: T } | undefined;
  try {
    await t.db.transaction(async (tx) => {
      if (options.asApp) await tx.execute(sql`SET LOCAL ROLE roster_app`);
      result = { value: await work(tx) };
      throw ROLLED_BACK;
    });
  } catch (error) {
    if (error !== ROLLED_BACK) throw error;
  }
  return result!.value;
}

/** The PostgreSQL error behind a failed query (drizzle wraps it): its SQLSTATE and message. */
async function pgErrorOf(work: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await work;
  } catch (error) {
    for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
      const { code, message } = e as { code?: unknown; message?: unknown };
      if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return { code, message: String(message) };
    }
    return { message: error instanceof Error ? error.message : String(error) };
  }
  throw new Error("the statement succeeded, but it should have been refused");
}

/** The role the statements of `tx` run as (drivers shape raw results differently: a select). */
async function currentRole(tx: Db) {
  const [row] = await tx.select({ role: sql<string>`current_user` }).from(sql`(VALUES (1)) AS one (n)`);
  return row?.role;
}

/** The error of one statement run as the app's role (its own transaction, rolled back). */
const refusedToApp = (statement: (tx: Db) => Promise<unknown>) =>
  rolledBack((tx) => pgErrorOf(statement(tx)), { asApp: true });

const PERMISSION_DENIED = { code: "42501", message: expect.stringMatching(/permission denied/i) };

describe("the audit log is append-only in the database", () => {
  it("refuses TRUNCATE, even to the database owner", async () => {
    const error = await rolledBack((tx) => pgErrorOf(tx.execute(sql`TRUNCATE audit_events`)));
    expect(error.message).toMatch(/append-only/);
  });

  it("lets the app's role add and read events, and refuses it UPDATE, DELETE and TRUNCATE", async () => {
    const targetId = crypto.randomUUID();
    const where = eq(auditEvents.targetId, targetId);

    const seen = await rolledBack(
      async (tx) => {
        const role = await currentRole(tx);
        await recordAuditEvent(tx, { action: "account.updated", target: { type: "account", id: targetId } });
        const events = await tx.select({ action: auditEvents.action }).from(auditEvents).where(where);
        return { role, events };
      },
      { asApp: true },
    );
    expect(seen).toEqual({ role: "roster_app", events: [{ action: "account.updated" }] });

    expect(
      await refusedToApp((tx) => tx.update(auditEvents).set({ action: "user.signed_in" }).where(where)),
    ).toEqual(PERMISSION_DENIED);
    expect(await refusedToApp((tx) => tx.delete(auditEvents).where(where))).toEqual(PERMISSION_DENIED);
    expect(await refusedToApp((tx) => tx.execute(sql`TRUNCATE audit_events`))).toEqual(PERMISSION_DENIED);

    // Rolled back: the event was never kept.
    expect(await t.db.select().from(auditEvents).where(where)).toEqual([]);
  });

  it("lets the app's role write the other tables", async () => {
    const email = randomEmail("app-role");
    const kept = await rolledBack(
      async (tx) => {
        const [user] = await tx.insert(users).values({ email, name: "App Role" }).returning({ id: users.id });
        await tx.update(users).set({ name: "App Role Renamed" }).where(eq(users.id, user!.id));
        const [renamed] = await tx.select({ name: users.name }).from(users).where(eq(users.id, user!.id));
        await tx.delete(users).where(eq(users.id, user!.id));
        const left = await tx.select({ id: users.id }).from(users).where(eq(users.id, user!.id));
        return { renamed: renamed?.name, left: left.length };
      },
      { asApp: true },
    );
    expect(kept).toEqual({ renamed: "App Role Renamed", left: 0 });
    expect(await t.db.select().from(users).where(eq(users.email, email))).toEqual([]);
  });
});
