import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { config } from "@/lib/config";
import * as schema from "./schema";
import { acquireDataDirLock } from "./data-dir-lock";
import { guardTransactions } from "./transaction-guard";

/** A database or a transaction: domain functions take either, so callers choose the transaction. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = { db: Db; kind: "postgres" | "pglite"; close: () => Promise<void> };

const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Connects to PostgreSQL through postgres.js. Migrations are applied separately (`npm run db:migrate`). */
export async function connectPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // After a failed connection attempt, the next waits a little longer, but at most a second:
    // postgres.js's own delay grows to 10–20 s during an outage of a few seconds, and the Db
    // then stays unusable that long after the server is back (tests/faults/postgres-restart.test.ts).
    backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, 1),
    ...statementLog(),
  });
  // A transaction whose connection is lost must not crash the process (db/transaction-guard.ts).
  const db = drizzle(guardTransactions(client), { schema, casing: "snake_case" }) as unknown as Db;
  return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
}

/**
 * With ROSTER_STATEMENT_LOG=<file>, every statement sent to PostgreSQL is appended to that file,
 * one line each: scripts/count-statements.ts counts what a page costs (issue 15). Off unless
 * asked for: a synchronous write per statement is for measuring, not for serving.
 */
function statementLog() {
  const file = config.statementLog();
  if (!file) return {};
  return {
    debug: (_connection: number, query: string) => {
      fs.appendFileSync(file, `${query.replace(/\s+/g, " ").trim()}\n`);
    },
  };
}

/**
 * Opens an embedded PGlite database (a folder, or `memory://`) and brings its schema up to
 * date. A folder is locked first: PGlite itself does not lock, and two processes on one
 * folder silently lose writes.
 */
export async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { citext } = await import("@electric-sql/pglite/contrib/citext");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { btree_gin } = await import("@electric-sql/pglite/contrib/btree_gin");
  const { drizzle } = await import("drizzle-orm/pglite");

  let releaseLock = () => {};
  if (!dataDir.startsWith("memory://")) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(dataDir);
  }
  const client = new PGlite(dataDir.startsWith("memory://") ? dataDir : path.join(dataDir, "pglite"), {
    extensions: { citext, pg_trgm, btree_gin },
  });
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
  await migrateDatabase({ db, kind: "pglite" });
  return {
    db,
    kind: "pglite",
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

/** Applies every pending migration from db/migrations. */
export async function migrateDatabase({ db, kind }: Pick<Database, "db" | "kind">): Promise<void> {
  if (kind === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

// One database per process, kept on globalThis so that hot reloads and separately bundled
// server entry points (routes, instrumentation) share it instead of opening it twice.
const globalForDb = globalThis as unknown as { rosterDatabase?: Promise<Database> };

/** The app's database: PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite. */
export function getDatabase(): Promise<Database> {
  globalForDb.rosterDatabase ??= (async () => {
    const url = config.databaseUrl();
    return url ? connectPostgres(url) : openPglite(config.dataDir());
  })();
  globalForDb.rosterDatabase.catch(() => {
    globalForDb.rosterDatabase = undefined;
  });
  return globalForDb.rosterDatabase;
}

/** Closes the app's database (tests, scripts); the next getDatabase() opens it again. */
export async function closeDatabase(): Promise<void> {
  const open = globalForDb.rosterDatabase;
  globalForDb.rosterDatabase = undefined;
  await (await open?.catch(() => undefined))?.close();
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
