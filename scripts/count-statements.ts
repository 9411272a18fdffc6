// How many SQL statements one view of each account page costs (issue 15), against the
// production build in this folder (`next build` first). Creates a database of its own on
// TEST_POSTGRES_URL (dropped afterwards), seeds an account, signs its owner in through the real
// sign-in, starts `next start` with ROSTER_STATEMENT_LOG (db/client.ts appends every statement
// to a file), GETs each page twice (warm-up, then counted) and prints the statements of the
// counted view. Requests go one at a time, so what the log gained in between is that view's.
// Then one browser view: headless Chromium opens the members page and waits for the network to
// go quiet; it prints how many requests reached the server (the document, and each RSC payload a
// link's prefetch asked for) and the statements they ran (issue 15: a view ≤ 2 server renders).
//   npx tsx --import ./scripts/server-only-hooks.mjs scripts/count-statements.ts [--list]
// COUNT_PORT picks the port (default 3800); COUNT_MEMBERS the account's size (default 100).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { encode } from "next-auth/jwt";
import { chromium } from "playwright";
import postgres from "postgres";
import { connectPostgres, migrateDatabase } from "@/db/client";
import { SESSION_LIFETIME_SECONDS } from "@/lib/config";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { PASSWORD, passwordSession, signUp } from "@/tests/fixtures";
import { createScratchDatabase, postgresReachable, postgresServerUrl } from "@/tests/postgres-server";

const PORT = Number(process.env.COUNT_PORT ?? 3800);
const MEMBERS = Number(process.env.COUNT_MEMBERS ?? 100);
const SECRET = "count-statements-secret";
// A production server's session cookie (lib/auth/auth.ts); Auth.js salts its key with the name.
const COOKIE = "__Host-authjs.session-token";
const listEach = process.argv.includes("--list");

async function seed(url: string) {
  const database = await connectPostgres(url, { max: 2 });
  const raw = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrateDatabase(database);
    const { db } = database;
    const owner = await signUp(db, {
      name: "Counted Owner",
      email: "owner@count.test",
      shortName: "counted",
    });
    const other = await signUp(db, {
      name: "Other Owner",
      email: "other@count.test",
      shortName: "elsewhere",
    });
    await raw`
      insert into users (email, name, password_hash)
      select 'user' || i || '@count.test', 'Person ' || i, null from generate_series(1, ${MEMBERS}) as i`;
    await raw`
      insert into memberships (account_id, user_id, role)
      select ${owner.account.id}, id, 'member' from users where email like 'user%@count.test'`;
    // The owner is also a member elsewhere (the switcher lists two) and is invited to a third
    // account (the header shows a pending invitation).
    await raw`insert into memberships (account_id, user_id, role) values (${other.account.id}, ${owner.user.id}, 'member')`;
    const third = await signUp(db, { name: "Third Owner", email: "third@count.test", shortName: "third" });
    await raw`
      insert into invitations (account_id, email, role, token_hash, invited_by_user_id, expires_at)
      values (${third.account.id}, 'owner@count.test', 'member', 'not-a-real-hash', ${third.user.id}, now() + interval '7 days')`;
    const [project] = await raw<{ id: string }[]>`
      insert into projects (account_id, key, name) values (${owner.account.id}, 'CORE', 'Core') returning id`;
    await raw`
      insert into project_members (account_id, project_id, membership_id, role)
      select account_id, ${project!.id}, id, 'editor' from memberships
      where account_id = ${owner.account.id} and role = 'member' limit 10`;
    const [member] = await raw<{ id: string }[]>`
      select id from memberships where account_id = ${owner.account.id} and role = 'member' limit 1`;
    await raw`vacuum analyze`;
    const { sessionToken } = await passwordSession(
      db,
      { email: "owner@count.test", password: PASSWORD },
      NO_REQUEST_META,
    );
    return { shortName: owner.account.shortName, ownerId: owner.user.id, memberId: member!.id, sessionToken };
  } finally {
    await raw.end();
    await database.close();
  }
}

async function startServer(databaseUrl: string, log: string) {
  const server = spawn(
    path.resolve("node_modules/.bin/next"),
    ["start", "-p", String(PORT), "-H", "127.0.0.1"],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: SECRET,
        APP_URL: `http://127.0.0.1:${PORT}`,
        ROSTER_STATEMENT_LOG: log,
        // The outbox worker polls on a timer: its statements would land between views.
        ROSTER_EMAIL_WORKER: "off",
        ROSTER_DEV_MAILBOX: "1",
        RESEND_API_KEY: "",
      },
      stdio: ["ignore", "inherit", "inherit"],
      detached: true, // its own process group: `next start` runs next-server as a child
    },
  );
  for (let i = 0; i < 120; i++) {
    try {
      await fetch(`http://127.0.0.1:${PORT}/sign-in`);
      return server;
    } catch {
      await sleep(500);
    }
  }
  throw new Error(`the server did not answer on port ${PORT}`);
}

const linesOf = (file: string) =>
  fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean) : [];

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no production build here: run `next build` first");
  if (!(await postgresReachable(postgresServerUrl())))
    throw new Error(`no PostgreSQL at ${postgresServerUrl()}`);
  const scratch = await createScratchDatabase("roster_count");
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "roster-count-")), "statements.log");
  let server: ReturnType<typeof spawn> | null = null;
  try {
    const seeded = await seed(scratch.url);
    const jwt = await encode({
      token: { sub: seeded.ownerId, email: "owner@count.test", sessionToken: seeded.sessionToken },
      secret: SECRET,
      salt: COOKIE,
      maxAge: SESSION_LIFETIME_SECONDS,
    });
    server = await startServer(scratch.url, log);
    const base = `/a/${seeded.shortName}`;
    const pages: [string, string][] = [
      ["account home", base],
      ["members", `${base}/members`],
      ["members, search", `${base}/members?q=person`],
      ["member", `${base}/members/${seeded.memberId}`],
      ["projects", `${base}/projects`],
      ["audit log", `${base}/audit`],
    ];
    const get = async (url: string) => {
      const response = await fetch(`http://127.0.0.1:${PORT}${url}`, {
        headers: { cookie: `${COOKIE}=${jwt}` },
        redirect: "manual",
      });
      await response.arrayBuffer();
      await sleep(150); // anything the server finishes after the response
      return response.status;
    };
    // Warm-up: every page once, so that the pool has opened its connections (postgres.js reads
    // the array types on each new one) before anything is counted.
    for (const [, url] of pages) await get(url);
    const rows: string[] = [];
    for (const [label, url] of pages) {
      const before = linesOf(log).length;
      const status = await get(url);
      // postgres.js reads the array types once on each connection it opens: the pool's cost,
      // not the page's (a page that runs many queries at once may still open one).
      const sent = linesOf(log).slice(before);
      const statements = sent.filter((s) => !s.includes("from pg_catalog.pg_type"));
      rows.push(
        `| ${label} | ${url} | ${status} | ${statements.length} | ${sent.length - statements.length} |`,
      );
      if (listEach) {
        console.log(`\n${label} (${url}): ${statements.length} statements`);
        for (const s of statements) console.log(`  - ${s.length > 220 ? `${s.slice(0, 220)}…` : s}`);
      }
    }
    console.log(`\nStatements per view, ${MEMBERS} members, owner signed in:\n`);
    console.log(
      "| page | path | status | statements | + opening a connection |\n| --- | --- | --- | --- | --- |",
    );
    console.log(rows.join("\n"));
    await browserView(`${base}/members`, jwt, log);
  } finally {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
    await sleep(500);
    await scratch.drop();
  }
}

/** One view of `url` in Chromium: the requests that reached the server, and their statements. */
async function browserView(url: string, jwt: string, log: string) {
  const origin = `http://127.0.0.1:${PORT}`;
  // The Chromium the end-to-end tests use where the system has one (playwright.config.ts).
  const system = "/usr/bin/chromium";
  const browser = await chromium.launch({
    executablePath: fs.existsSync(system) ? system : undefined,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    // The session cookie on every request of the view (a __Host- cookie set through the
    // DevTools protocol over http is refused as "invalid cookie fields").
    const context = await browser.newContext({ extraHTTPHeaders: { cookie: `${COOKIE}=${jwt}` } });
    const page = await context.newPage();
    const renders: string[] = [];
    page.on("request", (request) => {
      const target = new URL(request.url());
      // Static files are served from the build, with no render: not counted.
      if (target.origin !== origin || target.pathname.startsWith("/_next/static/")) return;
      const headers = request.headers();
      const kind = request.resourceType() === "document" ? "document" : headers["rsc"] ? "RSC" : "other";
      const prefetch = headers["next-router-prefetch"] ? " (prefetch)" : "";
      renders.push(`${kind}${prefetch} ${target.pathname}${target.search}`);
    });
    const before = linesOf(log).length;
    await page.goto(`${origin}${url}`, { waitUntil: "networkidle" });
    await sleep(1000); // prefetches start once the links are in view and the browser is idle
    await page.waitForLoadState("networkidle");
    const statements = linesOf(log)
      .slice(before)
      .filter((s) => !s.includes("from pg_catalog.pg_type"));
    console.log(
      `\nOne browser view of ${url}: ${renders.length} requests reached the server, ${statements.length} statements`,
    );
    for (const request of renders) console.log(`  - ${request}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
