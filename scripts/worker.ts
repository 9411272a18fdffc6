// `npm run worker`: delivers the email outbox from its own process, for deployments that run
// workers apart from the app (the app also delivers from every server process). Any number
// may run against one PostgreSQL; none sends an email twice.
import { closeDatabase, getDatabase } from "@/db/client";
import { authSecret } from "@/lib/auth/secret";
import { startEmailWorker } from "@/lib/email/worker";
import { describeError } from "@/lib/log";
import { startMaintenance } from "@/lib/server/maintenance";

async function main() {
  authSecret(); // without it no email body opens: stop now with the message that says so
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
  console.error(`Roster worker cannot start: ${describeError(error)}`);
  process.exit(1);
});
