import { afterAll, beforeAll, inject } from "vitest";
import {
  closeDatabase,
  connectPostgres,
  getDatabase,
  migrateDatabase,
  type Database,
  type Db,
} from "@/db/client";
import { createScratchDatabase } from "./postgres-server";

export const testKind = process.env.TEST_DB === "postgres" ? "postgres" : "pglite";

/** Tests that only mean something with concurrent connections (races, row locks). */
export const onPostgres = testKind === "postgres";

/**
 * On PGlite while the PostgreSQL project runs the same files (vitest.config.ts). Suites whose
 * subject is authorization rather than storage (the matrix, the revocation suite) then run a
 * representative part here — every kind of case once, so their queries still run on PGlite —
 * and all of it on PostgreSQL. Without a server, PGlite runs all of it.
 */
export const samplingOnPglite = testKind === "pglite" && process.env.TEST_POSTGRES_ALSO_RUNS === "1";

/**
 * Points the app's database at a test database — on PostgreSQL, the database created for
 * this run (shared by files running in parallel, so every test seeds its own rows); on
 * PGlite, a fresh in-memory one — so domain functions and server actions under test use it.
 *
 * `isolated` gives the file a PostgreSQL database of its own, for tests of process-wide
 * machinery (the email outbox is delivered by whichever worker claims it first).
 */
export function testDatabase(options: { isolated?: boolean } = {}): {
  readonly db: Db;
  readonly database: Database;
} {
  let database: Database | undefined;
  let dropScratch = async () => {};
  beforeAll(async () => {
    if (testKind === "postgres") {
      let url = inject("databaseUrl");
      if (options.isolated) {
        const scratch = await createScratchDatabase("roster_test_own");
        const migrating = await connectPostgres(scratch.url, { max: 1 });
        await migrateDatabase(migrating);
        await migrating.close();
        url = scratch.url;
        dropScratch = scratch.drop;
      }
      process.env.DATABASE_URL = url;
    } else {
      delete process.env.DATABASE_URL;
      process.env.ROSTER_DATA_DIR = "memory://";
    }
    process.env.AUTH_SECRET ||= "integration-tests-secret-not-for-production";
    database = await getDatabase();
  });
  afterAll(async () => {
    await closeDatabase();
    await dropScratch();
  });
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
