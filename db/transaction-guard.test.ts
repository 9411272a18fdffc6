import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { onPostgres, testDatabase } from "@/tests/test-db";

// A transaction whose connection is lost (db/transaction-guard.ts): without the guard,
// postgres.js writes to the dead connection and the process crashes (an uncaught TypeError,
// which fails the run), or the transaction's next statement runs on the reconnected connection,
// outside any transaction. Here the server ends the session with pg_terminate_backend.
describe.skipIf(!onPostgres)("a transaction whose connection is lost (needs a PostgreSQL server)", () => {
  const t = testDatabase({ isolated: true });

  beforeAll(async () => {
    await t.db.execute(sql`CREATE TABLE guard_probe (label text NOT NULL)`);
  });

  /** Rows as postgres.js returns them (Drizzle's Db type leaves them unknown). */
  const rows = async <T>(query: Promise<unknown>) => (await query) as T[];
  const labels = async () =>
    (await rows<{ label: string }>(t.db.execute(sql`SELECT label FROM guard_probe`))).map((row) => row.label);

  /** Runs `work` in a transaction that first writes `label`, and ends its session from outside once it has. */
  async function terminatedMidway(label: string, work: (tx: typeof t.db) => Promise<unknown>) {
    let started!: (pid: number) => void;
    const pid = new Promise<number>((resolve) => (started = resolve));
    const transaction = t.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO guard_probe VALUES (${label})`);
      const [row] = await rows<{ pid: number }>(tx.execute(sql`SELECT pg_backend_pid() AS pid`));
      started(row!.pid);
      await work(tx);
    });
    const outcome = transaction.then(
      () => "committed",
      (error: unknown) => (error as { code?: string }).code ?? "error",
    );
    await t.db.execute(sql`SELECT pg_terminate_backend(${await pid})`);
    return outcome;
  }

  /** The pool works again (a connection may first answer with the old session's error, once). */
  const worksAgain = () =>
    expect
      .poll(
        async () =>
          t.db.execute(sql`SELECT 1 AS one`).then(
            () => true,
            () => false,
          ),
        { timeout: 5_000 },
      )
      .toBe(true);

  it("leaves healthy transactions as they were: commit, rollback on an error, savepoints", async () => {
    await t.db.execute(sql`DELETE FROM guard_probe`);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO guard_probe VALUES ('rolled back')`);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO guard_probe VALUES ('outer')`);
      await tx.transaction((inner) => inner.execute(sql`INSERT INTO guard_probe VALUES ('inner')`));
      await expect(
        tx.transaction(async (inner) => {
          await inner.execute(sql`INSERT INTO guard_probe VALUES ('inner, undone')`);
          inner.rollback();
        }),
      ).rejects.toThrow();
    });
    expect((await labels()).sort()).toEqual(["inner", "outer"]);
    await t.db.execute(sql`DELETE FROM guard_probe`);
  });

  it("while a query runs: it fails with the connection's error, nothing commits, and the Db works on", async () => {
    const outcome = await terminatedMidway("during a query", (tx) => tx.execute(sql`SELECT pg_sleep(5)`));
    expect(outcome).toMatch(/^(CONNECTION_CLOSED|ECONNRESET|57P01)$/);
    await worksAgain();
    expect(await labels()).not.toContain("during a query");
  });

  it("between two queries: the next one runs nowhere — neither on the dead connection nor outside the transaction", async () => {
    const outcome = await terminatedMidway("before the pause", async (tx) => {
      await sleep(500); // the session ends meanwhile
      await tx.execute(sql`INSERT INTO guard_probe VALUES ('after the pause')`);
    });
    expect(outcome).toMatch(/^(CONNECTION_CLOSED|ECONNRESET|57P01)$/);
    await worksAgain();
    await sleep(600); // the callback has gone on by now
    expect(await labels()).toEqual([]);
    // And a transaction afterwards commits as usual.
    await t.db.transaction((tx) => tx.execute(sql`INSERT INTO guard_probe VALUES ('later')`));
    expect(await labels()).toEqual(["later"]);
  });
});
