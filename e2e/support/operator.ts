import { execFileSync } from "node:child_process";
import path from "node:path";

/**
 * Makes an existing user a platform operator with the real command (`npm run make-operator`)
 * against the run's PostgreSQL database (E2E_DATABASE_URL; specs without it skip).
 */
export function makeOperator(email: string) {
  return execFileSync(
    path.resolve("node_modules/.bin/tsx"),
    ["--import", "./scripts/server-only-hooks.mjs", "scripts/make-operator.ts", email],
    {
      env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
      encoding: "utf8",
    },
  );
}
