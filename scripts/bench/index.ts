// `npm run bench` (issue 15): the app as it is used, over HTTP, at the scale DESIGN.md names.
// Seeds (or reuses) a database of its own, builds and starts the production server, signs in
// through the sign-in form, and measures each view at 1 and 16 clients on keep-alive
// connections, with the floors each figure is compared with. README.md ("Benchmark") says how to
// read the table.
//   BENCH_SCALE=small   about a hundredth of the data (a few minutes end to end)
//   BENCH_SECONDS=5     how long each run lasts (after 1 s of warm-up)
//   BENCH_SKIP_BUILD=1  reuse .next as it is
//   BENCH_CPU_PROFILE=1 also profile the server under the members page at 16 clients
//   BENCH_PORT=3500     the app's port; the floors take the next two
import { randomBytes, createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { postgresReachable, postgresServerUrl } from "@/tests/postgres-server";
import { browserView } from "./browser-view";
import { largestProfile, topFunctions } from "./cpu-profile";
import {
  decoded,
  decodedSize,
  floorRowsFor,
  hashFloor,
  membersSqlFloor,
  sameBytesServer,
  startFloorApp,
} from "./floors";
import { fetchRaw, load, send, type LoadResult, type Request } from "./http-load";
import { markdown, writeJson, type ExportResult, type FloorRow, type Report, type Row } from "./report";
import { BIG, ensureSeeded, HUNDRED, OWNER_EMAIL, PASSWORD, type Scale } from "./seed";
import { logMark, statementsSince, writesIn } from "./statements";
import {
  buildApp,
  formFields,
  groupRss,
  multipart,
  rssSampler,
  signInOverHttp,
  startNext,
  type Server,
} from "./server";

const scale: Scale = process.env.BENCH_SCALE === "small" ? "small" : "full";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 3500);
const SECRET = "bench-secret-not-for-production";

function appEnv(databaseUrl: string, statementLog: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: SECRET,
    APP_URL: `http://127.0.0.1:${PORT}`,
    ROSTER_STATEMENT_LOG: statementLog,
    // The outbox worker polls on a timer: its statements would land between views.
    ROSTER_EMAIL_WORKER: "off",
    // Emails (sign-in notices, invitations) stay in the local mailbox table: nothing is sent.
    ROSTER_DEV_MAILBOX: "1",
    RESEND_API_KEY: "",
  };
}

/** The path `pages` pages deep, following each page's own "next" link (keyset: `after=`). */
async function deepPath(base: string, cookie: string, first: string, pages: number) {
  let current = first;
  let depth = 1;
  for (; depth < pages; depth++) {
    const html = await (await fetch(`${base}${current}`, { headers: { cookie } })).text();
    const href = /href="([^"]*[?&](?:amp;)?after=[^"]*)"/.exec(html)?.[1];
    if (!href) break;
    current = href.replace(/&amp;/g, "&");
  }
  return { path: current, depth };
}

/** Statements per request (and writes among them), over `n` requests sent one at a time. */
async function countStatements(base: string, request: Request, log: string, n = 5) {
  const mark = logMark(log);
  const agent = new http.Agent({ keepAlive: true });
  for (let i = 0; i < n; i++) await send(agent, base, request);
  agent.destroy();
  await new Promise((resolve) => setTimeout(resolve, 150)); // what the server finishes after answering
  const statements = statementsSince(log, mark);
  return { statements: statements.length / n, writes: writesIn(statements) / n };
}

async function measure(
  server: Server,
  next: (i: number) => Request,
  options: { count1?: number; count16?: number; ok?: number[] } = {},
): Promise<{ c1: LoadResult; c16: LoadResult; peakRss: number }> {
  const c1 = await load(server.base, next, {
    concurrency: 1,
    ...(options.count1 ? { count: options.count1 } : { seconds: SECONDS, warmupSeconds: 1 }),
    ok: options.ok,
  });
  const sampler = rssSampler(server.pgid);
  const c16 = await load(server.base, next, {
    concurrency: 16,
    ...(options.count16 ? { count: options.count16 } : { seconds: SECONDS, warmupSeconds: 1 }),
    ok: options.ok,
  });
  return { c1: c1.result, c16: c16.result, peakRss: sampler.stop() };
}

async function csvExport(server: Server, cookie: string): Promise<ExportResult> {
  const before = groupRss(server.pgid);
  const sampler = rssSampler(server.pgid, 50);
  const start = performance.now();
  const response = await fetch(`${server.base}/a/${BIG}/members/export`, { headers: { cookie } });
  if (response.status !== 200) throw new Error(`the export answered ${response.status}`);
  let ttfbMs = 0;
  let rows = 0;
  let bytes = 0;
  for await (const chunk of response.body!) {
    if (!ttfbMs) ttfbMs = performance.now() - start;
    bytes += chunk.length;
    for (const byte of chunk as Uint8Array) if (byte === 10) rows++;
  }
  const seconds = (performance.now() - start) / 1000;
  rows -= 1; // the header line
  return {
    rows,
    seconds,
    rowsPerSecond: rows / seconds,
    ttfbMs,
    bytes,
    peakRssAboveIdleBytes: sampler.stop() - before,
  };
}

/** Fresh invitations to addresses nobody has, for the "accept" rows: each is accepted once. */
async function newInvitations(url: string, accountId: string, n: number) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const run = randomBytes(4).toString("hex");
  const tokens = Array.from({ length: n }, () => randomBytes(32).toString("base64url"));
  try {
    await sql`
      insert into invitations (account_id, email, role, token_hash, invited_by_user_id, expires_at)
      select ${accountId}, 'accept-' || ${run} || '-' || i || '@bench.test', 'member', t.hash,
             (select user_id from memberships where account_id = ${accountId} and role = 'owner'), now() + interval '1 day'
      from unnest(${tokens.map((t) => createHash("sha256").update(t).digest("hex"))}::text[]) with ordinality as t(hash, i)`;
  } finally {
    await sql.end();
  }
  return tokens;
}

function machine() {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    if (dirty) commit += " (with uncommitted changes)";
  } catch {
    // not a Git checkout (a copy): say so
  }
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    commit,
  };
}

async function main() {
  if (!(await postgresReachable(postgresServerUrl()))) {
    throw new Error(
      `The benchmark needs a PostgreSQL server at ${postgresServerUrl()} (set TEST_POSTGRES_URL).`,
    );
  }
  const startedAt = new Date().toISOString();
  const seeded = await ensureSeeded(scale);
  const versionSql = postgres(seeded.url, { max: 1, onnotice: () => {} });
  const [{ version } = { version: "?" }] = await versionSql<{ version: string }[]>`select version()`;
  await versionSql.end();

  console.log("Building the app (unless its build is current)…");
  const build = buildApp();
  console.log(`App build: ${build}.`);

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-bench-"));
  const log = path.join(runDir, "statements.log");
  const started: { stop: () => Promise<void> }[] = [];
  try {
    const app = await startNext({ dir: ".", port: PORT, env: appEnv(seeded.url, log), probe: "/sign-in" });
    started.push(app);
    const cookie = await signInOverHttp(app.base, OWNER_EMAIL, PASSWORD);
    const get = (p: string) => () => ({ path: p, headers: { cookie } });

    const views: { group: string; label: string; path: string; members?: boolean }[] = [];
    for (const [account, size] of [
      [BIG, seeded.counts.bigMembers],
      [HUNDRED, 100],
    ] as const) {
      const base = `/a/${account}/members`;
      const group = `members (${size.toLocaleString("en")})`;
      const deep = await deepPath(app.base, cookie, base, 50);
      views.push(
        { group, label: "first page", path: base, members: true },
        { group, label: `page ${deep.depth} (keyset)`, path: deep.path, members: true },
        { group, label: "search “gra” (3 chars)", path: `${base}?q=gra`, members: true },
        { group, label: "search “a” (1 char)", path: `${base}?q=a`, members: true },
        { group, label: "sorted by role", path: `${base}?sort=role`, members: true },
        { group, label: "status disabled", path: `${base}?status=disabled`, members: true },
      );
    }
    views.push(
      { group: "member", label: "a member's page", path: `/a/${BIG}/members/${seeded.memberId}` },
      { group: "projects", label: "projects page", path: `/a/${BIG}/projects` },
      { group: "audit", label: "first page", path: `/a/${BIG}/audit` },
      { group: "audit", label: "one person", path: `/a/${BIG}/audit?person=${seeded.personUserId}` },
      {
        group: "console",
        label: `user search “gra” (${seeded.counts.users.toLocaleString("en")} users)`,
        path: `/admin?q=gra`,
      },
    );
    // Every view once, so that nothing below pays for a first load.
    for (const view of views) {
      const response = await fetchRaw(app.base, get(view.path)());
      if (response.status !== 200) throw new Error(`${view.path} answered ${response.status}`);
    }
    const idleRss = groupRss(app.pgid);

    const rows: Row[] = [];
    let peakRss = idleRss;
    for (const view of views) {
      process.stdout.write(`  ${view.group}: ${view.label}…`);
      const counted = await countStatements(app.base, get(view.path)(), log);
      const raw = await fetchRaw(app.base, get(view.path)());
      const { c1, c16, peakRss: peak } = await measure(app, get(view.path));
      peakRss = Math.max(peakRss, peak);
      rows.push({
        ...view,
        c1,
        c16,
        statements: counted.statements,
        writes: counted.writes,
        htmlBytes: decodedSize(raw.body, raw.headers["content-encoding"]),
        floor: null,
        peakRssBytes: peak,
      });
      console.log(` p50 ${c1.p50.toFixed(1)} ms, ${c16.rps.toFixed(0)} req/s at 16`);
    }

    // Sign-in, as a browser without scripts posts the form: a user of the big account each time.
    {
      process.stdout.write("  sign-in…");
      const page = await fetchRaw(app.base, { path: "/sign-in" });
      const hidden = formFields(
        decoded(page.body, page.headers["content-encoding"]).toString("utf8"),
        "password",
      );
      const signIn = (i: number): Request => {
        const { body, contentType } = multipart([
          ...hidden,
          ["email", `user${1 + (i % 500)}@bench.test`],
          ["password", PASSWORD],
        ]);
        return {
          path: "/sign-in",
          method: "POST",
          body,
          headers: { "content-type": contentType, origin: app.base },
        };
      };
      const mark = logMark(log);
      const { c1, c16, peakRss: peak } = await measure(app, signIn, { count1: 40, count16: 160, ok: [303] });
      const statements = statementsSince(log, mark);
      peakRss = Math.max(peakRss, peak);
      const n = c1.requests + c16.requests;
      rows.push({
        group: "sign-in",
        label: "the form's server action",
        path: "/sign-in",
        c1,
        c16,
        statements: statements.length / n,
        writes: writesIn(statements) / n,
        htmlBytes: null,
        floor: null,
        peakRssBytes: peak,
      });
      console.log(` p50 ${c1.p50.toFixed(1)} ms`);
    }

    // Accepting an invitation as someone new (name and password; the user is created and signed in).
    {
      process.stdout.write("  accept an invitation…");
      const tokens = await newInvitations(seeded.url, seeded.bigAccountId, 20 + 64 + 1);
      const page = await fetchRaw(app.base, { path: `/invite/${tokens[0]}` });
      const hidden = formFields(
        decoded(page.body, page.headers["content-encoding"]).toString("utf8"),
        "name",
      ).filter(([name]) => name !== "token");
      let next = 1;
      const accept = (): Request => {
        const token = tokens[next++]!;
        const { body, contentType } = multipart([
          ...hidden,
          ["token", token],
          ["name", "Accepting Person"],
          ["password", PASSWORD],
        ]);
        return {
          path: `/invite/${token}`,
          method: "POST",
          body,
          headers: { "content-type": contentType, origin: app.base },
        };
      };
      const mark = logMark(log);
      const { c1, c16, peakRss: peak } = await measure(app, accept, { count1: 20, count16: 64, ok: [303] });
      const statements = statementsSince(log, mark);
      peakRss = Math.max(peakRss, peak);
      rows.push({
        group: "invitation",
        label: "accept as a new person",
        path: "/invite/<token>",
        c1,
        c16,
        statements: statements.length / (c1.requests + c16.requests),
        writes: writesIn(statements) / (c1.requests + c16.requests),
        htmlBytes: null,
        floor: null,
        peakRssBytes: peak,
      });
      console.log(` p50 ${c1.p50.toFixed(1)} ms`);
    }

    console.log("  CSV export…");
    const exports: ExportResult[] = [];
    for (let i = 0; i < 3; i++) exports.push(await csvExport(app, cookie));

    console.log("  one browser view…");
    const browser = await browserView(
      app.base,
      `/a/${BIG}/members`,
      { email: OWNER_EMAIL, password: PASSWORD },
      log,
    );

    // The floors.
    console.log("  floors…");
    const membersFirst = rows.find((r) => r.path === `/a/${BIG}/members`)!;
    const floors: FloorRow[] = [];
    const first = await fetchRaw(app.base, get(membersFirst.path)());
    const plain = await sameBytesServer(PORT + 1, first.body, first.headers);
    started.push({ stop: plain.close });
    const plainRun = await measure({ ...app, base: plain.base }, () => ({ path: "/" }));
    floors.push({
      name: "node:http, same bytes",
      c1: plainRun.c1,
      rps16: plainRun.c16.rps,
      note: `the members page's ${(first.body.length / 1024).toFixed(1)} kB as sent, from memory`,
    });
    const floorApp = await startFloorApp(PORT + 2);
    started.push(floorApp);
    const floorRows = await floorRowsFor(floorApp.base, membersFirst.htmlBytes!);
    const floorPath = `/?rows=${floorRows}`;
    const floorRaw = await fetchRaw(floorApp.base, { path: floorPath });
    const nextRun = await measure(floorApp, () => ({ path: floorPath }));
    floors.push({
      name: "bare Next page",
      c1: nextRun.c1,
      rps16: nextRun.c16.rps,
      note: `bench/floor-app, ${floorRows} rows, ${(decodedSize(floorRaw.body, floorRaw.headers["content-encoding"]) / 1024).toFixed(1)} kB html: no database, no session`,
    });
    const sqlFloor = await membersSqlFloor(
      seeded.url,
      { id: (await ownerId(seeded.url))!, email: OWNER_EMAIL },
      BIG,
      { sort: "name" },
      200,
    );
    floors.push({
      name: "members SQL alone",
      c1: sqlFloor,
      rps16: null,
      note: "member context + first page with its total, in-process, postgres.js (a lower bound: not the page's other queries)",
    });
    const hash = await hashFloor(20);
    floors.push({ name: "argon2id hash", c1: hash, rps16: null, note: "m=19456 t=2 p=1, in-process" });

    for (const row of rows) {
      if (row.group === "sign-in" || row.group === "invitation") {
        row.floor = { name: "hash", p50Ratio: row.c1.p50 / hash.p50, rpsRatio: null };
      } else {
        row.floor = {
          name: "bare Next",
          p50Ratio: row.c1.p50 / nextRun.c1.p50,
          rpsRatio: nextRun.c16.rps / row.c16.rps,
        };
      }
    }
    floors[0]!.note += `; members page p50 ×${(membersFirst.c1.p50 / plainRun.c1.p50).toFixed(1)}, req/s@16 ÷${(plainRun.c16.rps / membersFirst.c16.rps).toFixed(1)}`;
    floors[2]!.note += `; members page p50 ×${(membersFirst.c1.p50 / sqlFloor.p50).toFixed(1)}`;

    let cpuProfile: Report["cpuProfile"] = null;
    if (process.env.BENCH_CPU_PROFILE === "1") {
      console.log("  CPU profile of the members page at 16 clients…");
      await app.stop();
      const profileDir = path.join(runDir, "profile");
      fs.mkdirSync(profileDir);
      const profiled = await startNext({
        dir: ".",
        port: PORT,
        env: appEnv(seeded.url, path.join(runDir, "profiled.log")),
        probe: "/sign-in",
        cpuProfileDir: profileDir,
      });
      started.push(profiled);
      const profiledCookie = await signInOverHttp(profiled.base, OWNER_EMAIL, PASSWORD);
      await load(profiled.base, () => ({ path: `/a/${BIG}/members`, headers: { cookie: profiledCookie } }), {
        concurrency: 16,
        seconds: SECONDS,
        warmupSeconds: 1,
      });
      await profiled.stop();
      const file = largestProfile(profileDir);
      cpuProfile = file ? topFunctions(file) : null;
    }

    const report: Report = {
      startedAt,
      scale,
      machine: { ...machine(), postgres: version.split(" on ")[0]! },
      seedSeconds: seeded.seedSeconds,
      build,
      secondsPerRun: SECONDS,
      idleRssBytes: idleRss,
      peakRssBytes: peakRss,
      rows,
      floors,
      csvExport: exports,
      browser,
      cpuProfile,
    };
    console.log(`\n${markdown(report)}\n`);
    console.log(`JSON: ${path.relative(process.cwd(), writeJson(report))}`);
  } finally {
    for (const s of started.reverse()) await s.stop().catch((error: unknown) => console.error(error));
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

async function ownerId(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ id: string }[]>`select id from users where email = ${OWNER_EMAIL}`;
    return row?.id;
  } finally {
    await sql.end();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
