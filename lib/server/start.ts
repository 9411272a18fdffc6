import { getDatabase } from "@/db/client";
import { authSecret } from "@/lib/auth/secret";
import { config } from "@/lib/config";

/**
 * Checks the configuration and opens the database before the server takes requests, so a
 * misconfigured server stops at once with a clear message instead of failing its first user.
 * In the embedded mode this also takes the data folder's lock and applies migrations.
 */
export async function startServer() {
  try {
    authSecret();
    const database = await getDatabase();
    console.log(
      database.kind === "pglite"
        ? `Roster: embedded database in ${config.dataDir()}`
        : "Roster: PostgreSQL (DATABASE_URL)",
    );
  } catch (error) {
    console.error(`\nRoster cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
