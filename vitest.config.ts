import path from "node:path";
import { defineConfig } from "vitest/config";
import { postgresServerUrl, postgresReachable } from "./tests/postgres-server.ts";

// The integration suite runs against a real PostgreSQL server (a database created for the
// run and dropped after) and against the embedded PGlite. Without a server (a laptop), only
// PGlite runs, and the suite says so.
export default defineConfig(async () => {
  const haveServer = await postgresReachable(postgresServerUrl());
  if (!haveServer) {
    console.log(`No PostgreSQL server at ${postgresServerUrl()}: integration tests run on PGlite only.`);
  }
  const shared = {
    extends: true as const,
  };
  return {
    resolve: {
      alias: {
        "@": path.resolve(import.meta.dirname),
        // Tests call server modules directly, outside Next's react-server layer, where the
        // marker would throw (scripts/server-only-hooks.mjs does the same for Node processes).
        "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
        // Without the components no email uses, which cost seconds in every file (the file says which).
        "@react-email/components": path.resolve(import.meta.dirname, "tests/react-email-components.ts"),
      },
    },
    test: {
      include: ["lib/**/*.test.ts", "db/**/*.test.ts", "tests/**/*.test.ts"],
      testTimeout: 30_000,
      // Three files at a time on two cores: much of a test's time is spent waiting on the
      // database (another process), so a third worker fills it — about a quarter faster.
      maxWorkers: 3,
      // next-auth imports "next/server" without an extension, which only a bundler resolves.
      server: { deps: { inline: ["next-auth", "@auth/core"] } },
      hookTimeout: 60_000,
      // Fails the run if a process it started outlives it (tests/leftover-processes.ts).
      globalSetup: ["tests/leftover-processes.ts"],
      projects: [
        ...(haveServer
          ? [
              {
                ...shared,
                test: {
                  name: "postgres",
                  env: { TEST_DB: "postgres" },
                  globalSetup: ["tests/postgres-setup.ts"],
                },
              },
            ]
          : []),
        {
          ...shared,
          test: {
            name: "pglite",
            // With the server there too, suites about authorization sample their cases here (tests/test-db.ts).
            env: { TEST_DB: "pglite", TEST_POSTGRES_ALSO_RUNS: haveServer ? "1" : "" },
          },
        },
      ],
    },
  };
});
