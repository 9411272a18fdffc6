// `npm run worker`: delivers the email outbox from its own process, for deployments that run
// workers apart from the app (the app also delivers from every server process). Any number
// may run against one PostgreSQL; none sends an email twice.
import { closeDatabase, getDatabase } from "@/db/client";
import { startEmailWorker } from "@/lib/email/worker";
import { startMaintenance } from "@/lib/server/maintenance";

async function main() {
  const database = await getDatabase();
  const worker = startEmailWorker();
  startMaintenance();
  console.log(
    `Roster email worker running (${database.kind === "pglite" ? "embedded database" : "PostgreSQL"}).`,
  );
  const stop = async () => {
    await worker.stop();
    await closeDatabase();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
