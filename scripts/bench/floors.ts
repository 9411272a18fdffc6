// The floors each figure is compared with (issue 15): what the members page's essential SQL
// costs alone through the same driver, what Node's plain HTTP server costs to answer the same
// bytes, what a bare Next.js dynamic page of the same size costs (bench/floor-app: no database,
// no session), and what one argon2id hash costs.
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";
import { connectPostgres } from "@/db/client";
import { loadMemberContext } from "@/lib/accounts/member-context";
import { hashPassword } from "@/lib/auth/password";
import { listMembers } from "@/lib/members/queries";
import { percentile } from "./http-load";
import { buildIfStale, startNext, type Server } from "./server";

export type Timing = { runs: number; p50: number; p95: number; p99: number };

/** Runs `fn` `runs` times one after another (after a few to warm up): its latency percentiles. */
export async function timeSerial(runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < Math.min(10, runs); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { runs, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
}

/** One argon2id hash, at the app's parameters (lib/auth/password.ts). */
export const hashFloor = (runs: number) => timeSerial(runs, () => hashPassword("bench password 1"));

/**
 * The members page's essential SQL, in this process through the app's own driver setup: the
 * member context (account, membership, permissions) and the page of people with its total.
 * Not the page's other queries (invitations, roles, projects, seats): a floor is a lower bound.
 */
export async function membersSqlFloor(
  url: string,
  owner: { id: string; email: string },
  shortName: string,
  options: Parameters<typeof listMembers>[2],
  runs: number,
) {
  const database = await connectPostgres(url, { max: 4 });
  const user = {
    id: owner.id,
    email: owner.email,
    name: "Bench Owner",
    displayName: null,
    emailVerifiedAt: new Date(),
    twoFactorEnabledAt: null,
  };
  try {
    return await timeSerial(runs, async () => {
      const ctx = await loadMemberContext(database.db, user, shortName);
      if (!ctx) throw new Error(`the bench owner is not a member of ${shortName}`);
      await listMembers(database.db, ctx.account.id, options);
    });
  } finally {
    await database.close();
  }
}

/** Node's plain HTTP server answering every request with these exact bytes (gzipped as the app sent them). */
export async function sameBytesServer(port: number, body: Buffer, headers: http.IncomingHttpHeaders) {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, {
      "content-type": String(headers["content-type"] ?? "text/html; charset=utf-8"),
      ...(headers["content-encoding"] ? { "content-encoding": String(headers["content-encoding"]) } : {}),
      "content-length": body.length,
    });
    response.end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A body as it came on the wire, decoded. */
export const decoded = (body: Buffer, encoding: string | string[] | undefined) =>
  encoding === "gzip" ? gunzipSync(body) : body;

/** The decoded size of a body as it came on the wire. */
export const decodedSize = (body: Buffer, encoding: string | string[] | undefined) =>
  decoded(body, encoding).length;

/** Builds bench/floor-app when its build is stale and starts it. */
export async function startFloorApp(port: number): Promise<Server> {
  // Webpack: Turbopack takes the project's root (the lockfile's folder) for this app's, and
  // would bundle Roster's instrumentation.ts into it.
  const built = buildIfStale("bench/floor-app", ["app", "next.config.mjs"], ["--webpack"]);
  console.log(`Floor app build: ${built}.`);
  return startNext({ dir: "bench/floor-app", port, env: {}, probe: "/?rows=1" });
}

/** The floor page's `rows` that makes it about `targetBytes` long (decoded HTML). */
export async function floorRowsFor(base: string, targetBytes: number) {
  const sizeAt = async (rows: number) => (await (await fetch(`${base}/?rows=${rows}`)).text()).length;
  const at50 = await sizeAt(50);
  const at0 = await sizeAt(1);
  const perRow = (at50 - at0) / 49;
  return Math.max(1, Math.round(1 + (targetBytes - at0) / perRow));
}
