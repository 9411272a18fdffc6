// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded
// database when it is unset (refused while a server holds the embedded database).
import { config } from "@/lib/config";
import { connectPostgres, migrateDatabase, openPglite } from "@/db/client";

async function main() {
  const url = config.databaseUrl();
  const database = url ? await connectPostgres(url, { max: 1 }) : await openPglite(config.dataDir());
  try {
    if (database.kind === "postgres") await migrateDatabase(database);
    console.log(`Migrations applied (${url ? "PostgreSQL" : `embedded database in ${config.dataDir()}`}).`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
