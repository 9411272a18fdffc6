// `npm run test:e2e`: end-to-end tests in a real Chromium against a production build.
// Creates this run's own PostgreSQL database (dropped afterwards), migrates it, builds the
// app, and runs Playwright, which starts the servers (playwright.config.ts). Without a
// PostgreSQL server (a laptop), the suite runs against the embedded database instead.
// Set E2E_SKIP_BUILD=1 to reuse the last build while iterating.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { connectPostgres, migrateDatabase } from "@/db/client";
import { createScratchDatabase, postgresReachable, postgresServerUrl } from "@/tests/postgres-server";

function run(command: string, args: string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

async function main() {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-e2e-"));
  const env: Record<string, string | undefined> = { E2E_RUN_DIR: runDir, NEXT_TELEMETRY_DISABLED: "1" };
  let drop = async () => {};

  if (await postgresReachable(postgresServerUrl())) {
    const scratch = await createScratchDatabase("roster_e2e");
    drop = scratch.drop;
    const database = await connectPostgres(scratch.url, { max: 1 });
    await migrateDatabase(database);
    await database.close();
    env.E2E_DATABASE_URL = scratch.url;
  } else {
    console.log(
      `No PostgreSQL server at ${postgresServerUrl()}: end-to-end tests run against the embedded database.`,
    );
  }

  let status = 0;
  try {
    // Types are `npm run typecheck`'s job (next.config.ts): the build only builds.
    if (process.env.E2E_SKIP_BUILD !== "1")
      status = run("node_modules/.bin/next", ["build"], { ...env, ROSTER_BUILD_SKIPS_TYPECHECK: "1" });
    if (status === 0) status = run("node_modules/.bin/playwright", ["test", ...process.argv.slice(2)], env);
  } finally {
    await drop();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
  process.exit(status);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
