import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
// Specs seed through the server's modules, which begin with `import "server-only"`.
import "./scripts/server-only-hooks.mjs";
import { E2E_MAILBOX_TOKEN } from "./e2e/support/data";
import { PORTS, urlOf } from "./e2e/support/ports";

// Started by scripts/e2e.ts (npm run test:e2e), which creates the database and builds the app.
const runDir = process.env.E2E_RUN_DIR ?? path.resolve(".data/e2e");
const databaseUrl = process.env.E2E_DATABASE_URL;

// From E2E_PORT_BASE (default 3100): two runs on one machine each take a base of their own.
export { PORTS };
const next = path.resolve("node_modules/.bin/next");

// Debian's Chromium where it is installed (CI), else Playwright's own (npx playwright install chromium).
const debianChromium = "/usr/bin/chromium";

// The app on PostgreSQL and the specs that seed its database (page-access) seal email
// bodies with one secret, so the app's worker can read what a spec queued.
const E2E_AUTH_SECRET = "e2e-secret-not-for-production";
if (databaseUrl) process.env.AUTH_SECRET = E2E_AUTH_SECRET;

const serverEnv = (port: number) => ({
  NEXT_TELEMETRY_DISABLED: "1",
  APP_URL: urlOf(port),
  // Each test sends an address of its own (e2e/support/test.ts), as clients behind a proxy.
  TRUSTED_PROXY_HOPS: "1",
});

/**
 * An app instance on this run's PostgreSQL. Two of them (A and B) share the database, the
 * secret and the fake Resend, as instances behind a load balancer do, and each delivers the
 * outbox from its own worker (ROSTER_EMAIL_WORKER is on): e2e/two-instances.spec.ts.
 */
const postgresApp = (port: number, url: string) => ({
  command: `${next} start -p ${port} -H 127.0.0.1`,
  url: `${urlOf(port)}/sign-in`,
  reuseExistingServer: false,
  timeout: 60_000,
  env: {
    ...serverEnv(port),
    DATABASE_URL: url,
    AUTH_SECRET: E2E_AUTH_SECRET,
    RESEND_API_KEY: "re_e2e_test_key",
    RESEND_BASE_URL: urlOf(PORTS.fakeResend),
  },
});

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  // Most tests drive two or three browsers against one production server on two cores, and
  // several walk a page as each of ten visitors: 45 s left the longest of them (a project
  // shared with a member, the page-access walks) at the edge on CI.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  use: {
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: fs.existsSync(debianChromium) ? debianChromium : undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    {
      name: databaseUrl ? "postgres" : "embedded-only",
      testIgnore: /embedded\.spec\.ts/,
      use: {
        ...devices["Desktop Chrome"],
        baseURL: urlOf(databaseUrl ? PORTS.app : PORTS.embedded),
      },
    },
    {
      name: "embedded",
      testMatch: /embedded\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], baseURL: urlOf(PORTS.embedded) },
    },
  ],
  webServer: [
    {
      // Stands in for Resend: the app on PostgreSQL sends through the real SDK to it.
      command: `${path.resolve("node_modules/.bin/tsx")} tests/fake-resend/main.ts`,
      url: `${urlOf(PORTS.fakeResend)}/__fake/emails`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { FAKE_RESEND_PORT: String(PORTS.fakeResend) },
    },
    ...(databaseUrl ? [postgresApp(PORTS.app, databaseUrl), postgresApp(PORTS.secondApp, databaseUrl)] : []),
    {
      // The embedded mode, as a newcomer runs it: no DATABASE_URL, AUTH_SECRET or RESEND_API_KEY.
      command: `${next} start -p ${PORTS.embedded} -H 127.0.0.1`,
      url: `${urlOf(PORTS.embedded)}/sign-in`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        ...serverEnv(PORTS.embedded),
        DATABASE_URL: "",
        AUTH_SECRET: "",
        RESEND_API_KEY: "",
        ROSTER_DEV_MAILBOX: "1", // a production build: the local mailbox must be asked for
        ROSTER_DEV_MAILBOX_TOKEN: E2E_MAILBOX_TOKEN,
        ROSTER_DATA_DIR: path.join(runDir, "embedded-data"),
      },
    },
  ],
});
