import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabase, getDatabase, type Database, type Db } from "@/db/client";

export const testKind = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";

/** Tests that only mean something with concurrent connections (races, row locks). */
export const onPostgres = testKind === "postgres";

/**
 * Points the app's database at this run's test database — the PostgreSQL database created for
 * the run (shared by files running in parallel, so every test seeds its own rows), or a fresh
 * in-memory PGlite — so domain functions and server actions under test use the same one.
 */
export function testDatabase(): { readonly db: Db; readonly database: Database } {
  let database: Database | undefined;
  beforeAll(async () => {
    if (testKind === "postgres") {
      process.env.DATABASE_URL = inject("databaseUrl");
    } else {
      delete process.env.DATABASE_URL;
      process.env.ROSTER_DATA_DIR = "memory://";
    }
    process.env.AUTH_SECRET ||= "integration-tests-secret-not-for-production";
    database = await getDatabase();
  });
  afterAll(() => closeDatabase());
  const open = () => {
    if (!database) throw new Error("The test database opens in beforeAll; use it inside tests.");
    return database;
  };
  return {
    get db() {
      return open().db;
    },
    get database() {
      return open();
    },
  };
}
