// `npm run make-operator -- <email>`: makes an existing user a platform operator (the console
// at /admin), on DATABASE_URL or the embedded database (refused while a server holds it).
import { config } from "@/lib/config";
import { connectPostgres, openPglite } from "@/db/client";
import { makeOperatorByEmail } from "@/lib/admin/manage-users";
import { AppError } from "@/lib/errors";

async function main() {
  const email = process.argv[2]?.trim();
  if (!email || process.argv.length > 3) {
    console.error("Usage: npm run make-operator -- <email>");
    process.exit(2);
  }
  const url = config.databaseUrl();
  const database = url ? await connectPostgres(url, { max: 1 }) : await openPglite(config.dataDir());
  try {
    const { user, changed } = await makeOperatorByEmail(database.db, email, {
      ip: null,
      userAgent: "npm run make-operator",
    });
    console.log(
      changed
        ? `${user.email} is now a platform operator: the console is at /admin.`
        : `${user.email} was already a platform operator; nothing changed.`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof AppError ? `Error: ${error.message}` : error instanceof Error ? error.message : error,
  );
  process.exit(1);
});
