import "server-only";
import { getDb } from "@/db/client";
import { purgeExpiredShortNameHolds } from "@/lib/accounts/short-name-holds";
import { logUnexpected } from "@/lib/log";
import { purgeRateLimits } from "@/lib/rate-limit/rate-limit";
import { removeStaleUnverifiedUsers } from "@/lib/users/remove-stale-unverified";

const EVERY_MS = 10 * 60 * 1000;

/** Housekeeping that any number of processes may run at once: every step is idempotent. */
export async function runMaintenance() {
  const db = await getDb();
  await purgeRateLimits(db);
  await removeStaleUnverifiedUsers(db);
  await purgeExpiredShortNameHolds(db);
}

/** Runs the housekeeping now and every 10 minutes in this process, without keeping it alive. */
export function startMaintenance() {
  const run = () => runMaintenance().catch((error: unknown) => logUnexpected("maintenance", error));
  void run();
  setInterval(run, EVERY_MS).unref();
}
