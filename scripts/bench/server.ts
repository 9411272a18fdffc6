// Builds (when the build is older than the code) and starts a production server for the
// benchmark, each in its own process group so that everything it started can be ended; reads
// the group's memory from /proc; and signs in over HTTP through the page's own form.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** The newest modification time under the given files and folders (node_modules, .next and results skipped). */
function newestMtime(entries: string[]): number {
  let newest = 0;
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) {
        if (name === "node_modules" || name === ".next" || name === "results") continue;
        walk(path.join(p, name));
      }
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  entries.forEach(walk);
  return newest;
}

const APP_SOURCES = [
  "app",
  "components",
  "lib",
  "db",
  "emails",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "package.json",
  "package-lock.json",
  "postcss.config.mjs",
];

/** Runs `next build` in `dir` unless its build is newer than every source file (or BENCH_SKIP_BUILD=1). */
export function buildIfStale(dir: string, sources: string[], buildArgs: string[] = []) {
  const buildId = path.join(dir, ".next", "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (process.env.BENCH_SKIP_BUILD === "1" && built) return "skipped (BENCH_SKIP_BUILD=1)";
  if (built && built > newestMtime(sources.map((s) => path.join(dir, s)))) return "current";
  const result = spawnSync(path.resolve("node_modules/.bin/next"), ["build", dir, ...buildArgs], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`next build ${dir} failed`);
  return "built";
}

export const buildApp = () => buildIfStale(".", APP_SOURCES);

export type Server = { process: ChildProcess; pgid: number; base: string; stop: () => Promise<void> };

/** `next start` in its own process group; resolves once `probe` answers. */
export async function startNext(options: {
  dir: string;
  port: number;
  env: Record<string, string>;
  probe: string;
  cpuProfileDir?: string;
}): Promise<Server> {
  // --cpu-prof is refused in NODE_OPTIONS: the profiled server is Node running Next's CLI.
  const nextArgs = ["start", options.dir, "-p", String(options.port), "-H", "127.0.0.1"];
  const [command, args] = options.cpuProfileDir
    ? [
        process.execPath,
        [
          "--cpu-prof",
          `--cpu-prof-dir=${options.cpuProfileDir}`,
          path.resolve("node_modules/next/dist/bin/next"),
          ...nextArgs,
        ],
      ]
    : [path.resolve("node_modules/.bin/next"), nextArgs];
  const child = spawn(command, args, {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...options.env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true, // its own process group: `next start` may run the server as a child
  });
  const base = `http://127.0.0.1:${options.port}`;
  const server: Server = { process: child, pgid: child.pid!, base, stop: () => stopGroup(child.pid!) };
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`next start ${options.dir} exited (${child.exitCode})`);
    try {
      const response = await fetch(`${base}${options.probe}`, { redirect: "manual" });
      await response.arrayBuffer();
      return server;
    } catch {
      await sleep(250);
    }
  }
  await server.stop();
  throw new Error(`nothing answered on port ${options.port}`);
}

/** The pids whose process group is `pgid`. */
export function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name (which may hold spaces) start after the last ")".
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Resident memory of the whole group, in bytes (VmRSS of each process). */
export function groupRss(pgid: number): number {
  let total = 0;
  for (const pid of groupPids(pgid)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Samples the group's RSS every `everyMs` until stopped: the peak. */
export function rssSampler(pgid: number, everyMs = 100) {
  let peak = groupRss(pgid);
  const timer = setInterval(() => {
    peak = Math.max(peak, groupRss(pgid));
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, groupRss(pgid));
    },
  };
}

/** SIGTERM to the group, SIGKILL after 10 s; throws if anything of it is left. */
export async function stopGroup(pgid: number) {
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pgid, s);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  for (let i = 0; i < 100 && groupPids(pgid).length; i++) await sleep(100);
  if (groupPids(pgid).length) {
    signal("SIGKILL");
    await sleep(500);
  }
  const left = groupPids(pgid);
  if (left.length) throw new Error(`processes of group ${pgid} still running: ${left.join(", ")}`);
}

/** The hidden fields of the `<form>` on a page that has an input named `field`: a server action's reference. */
export function formFields(html: string, field: string): [string, string][] {
  const forms = html
    .split("<form")
    .slice(1)
    .map((f) => f.slice(0, f.indexOf("</form>")));
  const form = forms.find((f) => f.includes(`name="${field}"`));
  if (!form) throw new Error(`no form with a field "${field}" on the page`);
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  const fields: [string, string][] = [];
  for (const [input] of form.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (!name || !/type="hidden"/.test(input)) continue;
    fields.push([unescape(name), unescape(/value="([^"]*)"/.exec(input)?.[1] ?? "")]);
  }
  return fields;
}

/** Builds the multipart body a browser without scripts posts for `fields`. */
export function multipart(fields: [string, string][]) {
  const boundary = `----bench${Math.random().toString(16).slice(2)}`;
  const body =
    fields
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join("") + `--${boundary}--\r\n`;
  return { body: Buffer.from(body), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The Cookie header a browser would send after these Set-Cookie headers. */
export const cookieHeader = (setCookies: string[]) => setCookies.map((c) => c.split(";")[0]).join("; ");

/**
 * Signs in as a browser without scripts does: the sign-in page's form, posted to the sign-in
 * server action. Returns the session's cookies.
 */
export async function signInOverHttp(base: string, email: string, password: string) {
  const page = await fetch(`${base}/sign-in`);
  const action = formFields(await page.text(), "password").filter(([name]) => name.startsWith("$ACTION"));
  const { body, contentType } = multipart([
    ...action,
    ["email", email],
    ["password", password],
    ["callbackUrl", "/"],
  ]);
  const response = await fetch(`${base}/sign-in`, {
    method: "POST",
    body,
    headers: { "content-type": contentType, origin: base },
    redirect: "manual",
  });
  await response.arrayBuffer();
  const cookies = response.headers.getSetCookie();
  if (!cookies.some((c) => c.includes("session-token"))) {
    throw new Error(`sign-in as ${email} failed: ${response.status}, no session cookie`);
  }
  return cookieHeader(cookies);
}
