// A small HTTP load loop: `concurrency` clients on keep-alive connections (node:http), each
// sending its next request as soon as the last one's body has arrived, for a fixed time after a
// warm-up. Bodies are asked for gzipped, as a browser asks; sizes are as sent on the wire.
import http from "node:http";
import { performance } from "node:perf_hooks";

export type Request = { path: string; method?: string; headers?: Record<string, string>; body?: Buffer };

export type Sample = { ms: number; ttfbMs: number; status: number; bytes: number };

export type LoadResult = {
  concurrency: number;
  requests: number;
  seconds: number;
  rps: number;
  errors: number;
  statuses: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  ttfbP50: number;
  bytes: number;
};

export function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** One request on `agent`: status, time to the first byte of the body, total time, wire bytes. */
export function send(agent: http.Agent, base: string, request: Request): Promise<Sample> {
  const url = new URL(request.path, base);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let ttfb = 0;
    let bytes = 0;
    const req = http.request(
      url,
      {
        agent,
        method: request.method ?? "GET",
        headers: {
          "accept-encoding": "gzip",
          accept: "text/html,application/xhtml+xml",
          ...request.headers,
          ...(request.body ? { "content-length": String(request.body.length) } : {}),
        },
      },
      (response) => {
        response.on("data", (chunk: Buffer) => {
          if (!ttfb) ttfb = performance.now() - start;
          bytes += chunk.length;
        });
        response.on("end", () => {
          const ms = performance.now() - start;
          resolve({ ms, ttfbMs: ttfb || ms, status: response.statusCode ?? 0, bytes });
        });
        response.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(request.body);
  });
}

/**
 * A successful answer: a 2xx, or exactly the statuses in `ok` when given (a form posted without
 * scripts succeeds with a 303 and fails with a 200 page that shows the error).
 */
const succeeded = (status: number, ok: number[]) =>
  ok.length ? ok.includes(status) : status >= 200 && status < 300;

/**
 * Runs `next()` requests at `concurrency` for `seconds` (after `warmupSeconds`, whose answers
 * are dropped), or for `count` requests when given (forms that use up what they post: invitations).
 */
export async function load(
  base: string,
  next: (i: number) => Request,
  options: { concurrency: number; seconds?: number; warmupSeconds?: number; count?: number; ok?: number[] },
): Promise<{ result: LoadResult; samples: Sample[] }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const ok = options.ok ?? [];
  let i = 0;
  const run = async (until: () => boolean, samples: Sample[]) => {
    const client = async () => {
      while (until()) {
        try {
          samples.push(await send(agent, base, next(i++)));
        } catch {
          samples.push({ ms: NaN, ttfbMs: NaN, status: 0, bytes: 0 });
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, client));
  };
  try {
    if (options.warmupSeconds) {
      const end = performance.now() + options.warmupSeconds * 1000;
      await run(() => performance.now() < end, []);
    }
    const samples: Sample[] = [];
    const start = performance.now();
    if (options.count !== undefined) {
      let left = options.count;
      await run(() => left-- > 0, samples);
    } else {
      const end = start + (options.seconds ?? 5) * 1000;
      await run(() => performance.now() < end, samples);
    }
    const seconds = (performance.now() - start) / 1000;
    const times = samples
      .map((s) => s.ms)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const ttfbs = samples
      .map((s) => s.ttfbMs)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    const statuses: Record<string, number> = {};
    for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    return {
      samples,
      result: {
        concurrency: options.concurrency,
        requests: samples.length,
        seconds,
        rps: samples.length / seconds,
        errors: samples.filter((s) => !succeeded(s.status, ok)).length,
        statuses,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: percentile(times, 99),
        ttfbP50: percentile(ttfbs, 50),
        bytes: Math.round(samples.reduce((sum, s) => sum + s.bytes, 0) / Math.max(1, samples.length)),
      },
    };
  } finally {
    agent.destroy();
  }
}

/** One GET as the load loop sends it, with the answer's headers and body as they came on the wire. */
export function fetchRaw(base: string, request: Request) {
  const url = new URL(request.path, base);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const req = http.request(
        url,
        {
          method: request.method ?? "GET",
          headers: {
            "accept-encoding": "gzip",
            accept: "text/html,application/xhtml+xml",
            ...request.headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
          response.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(request.body);
    },
  );
}
