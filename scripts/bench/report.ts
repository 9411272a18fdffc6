// The benchmark's output: a Markdown table on stdout and the same figures as JSON in
// bench/results/<timestamp>-<scale>.json.
import fs from "node:fs";
import path from "node:path";
import type { LoadResult } from "./http-load";
import type { BrowserView } from "./browser-view";
import type { Timing } from "./floors";

export type Row = {
  group: string;
  label: string;
  path: string;
  c1: LoadResult;
  c16: LoadResult;
  /** Statements per request, and the writes among them, over a few requests sent one at a time. */
  statements: number | null;
  writes: number | null;
  /** The answer's size decoded (HTML and its inline RSC payload), beside the gzipped size on the wire. */
  htmlBytes: number | null;
  /** The floor this row is compared with, and the ratios (c1 p50, and floor req/s over this row's at 16). */
  floor: { name: string; p50Ratio: number; rpsRatio: number | null } | null;
  peakRssBytes: number;
};

export type FloorRow = {
  name: string;
  c1: Pick<Timing, "p50" | "p95" | "p99">;
  rps16: number | null;
  note: string;
};

export type ExportResult = {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  ttfbMs: number;
  bytes: number;
  peakRssAboveIdleBytes: number;
};

export type Report = {
  startedAt: string;
  scale: string;
  machine: { cores: number; cpu: string; memoryGiB: number; node: string; postgres: string; commit: string };
  seedSeconds: number | null;
  build: string;
  secondsPerRun: number;
  idleRssBytes: number;
  peakRssBytes: number;
  rows: Row[];
  floors: FloorRow[];
  csvExport: ExportResult[];
  browser: BrowserView | null;
  cpuProfile: { fn: string; selfMs: number; share: number }[] | null;
};

const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : n.toFixed(0)) : "–");
const kb = (n: number | null) => (n === null ? "–" : `${(n / 1024).toFixed(1)}`);
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MiB`;
const ratio = (n: number | null) => (n === null || !Number.isFinite(n) ? "–" : `×${n.toFixed(1)}`);

export function markdown(report: Report): string {
  const out: string[] = [];
  const m = report.machine;
  out.push(
    `Scale **${report.scale}** · ${m.cores} cores (${m.cpu}) · ${m.memoryGiB} GiB · Node ${m.node} · ${m.postgres} · commit ${m.commit}`,
  );
  out.push(
    `Seeding: ${report.seedSeconds === null ? "reused" : `${report.seedSeconds.toFixed(0)} s`} · build: ${report.build} · ${report.secondsPerRun} s per run after 1 s of warm-up · server RSS idle ${mib(report.idleRssBytes)}, peak ${mib(report.peakRssBytes)}`,
  );
  out.push("");
  out.push(
    "| view | c=1 p50 | p95 | p99 | TTFB p50 | c=16 p50 | p95 | req/s @16 | errors | kB wire / html | stmts (writes) | vs floor (p50 · req/s) |",
  );
  out.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const r of report.rows) {
    const errors = r.c1.errors + r.c16.errors;
    out.push(
      `| ${r.group}: ${r.label} | ${ms(r.c1.p50)} | ${ms(r.c1.p95)} | ${ms(r.c1.p99)} | ${ms(r.c1.ttfbP50)} | ${ms(r.c16.p50)} | ${ms(r.c16.p95)} | ${r.c16.rps.toFixed(0)} | ${errors}${errors ? ` (${Object.keys({ ...r.c1.statuses, ...r.c16.statuses }).join(",")})` : ""} | ${kb(r.c1.bytes)} / ${kb(r.htmlBytes)} | ${r.statements === null ? "–" : `${r.statements.toFixed(1)} (${r.writes!.toFixed(1)})`} | ${r.floor ? `${ratio(r.floor.p50Ratio)} · ${ratio(r.floor.rpsRatio)} ${r.floor.name}` : "–"} |`,
    );
  }
  out.push("");
  out.push("| floor | c=1 p50 | p95 | p99 | req/s @16 | what |");
  out.push("| --- | --- | --- | --- | --- | --- |");
  for (const f of report.floors) {
    out.push(
      `| ${f.name} | ${ms(f.c1.p50)} | ${ms(f.c1.p95)} | ${ms(f.c1.p99)} | ${f.rps16 === null ? "–" : f.rps16.toFixed(0)} | ${f.note} |`,
    );
  }
  if (report.csvExport.length) {
    out.push("");
    out.push("| CSV export | rows | rows/s | TTFB | total | MB | peak RSS above the RSS before it |");
    out.push("| --- | --- | --- | --- | --- | --- | --- |");
    report.csvExport.forEach((e, i) =>
      out.push(
        `| run ${i + 1} | ${e.rows.toLocaleString("en")} | ${Math.round(e.rowsPerSecond).toLocaleString("en")} | ${ms(e.ttfbMs)} ms | ${e.seconds.toFixed(2)} s | ${(e.bytes / 1e6).toFixed(1)} | ${mib(e.peakRssAboveIdleBytes)} |`,
      ),
    );
  }
  if (report.browser) {
    const b = report.browser;
    out.push("");
    out.push(
      `Browser view of the members page: ${b.serverRequests} requests reached the server (${b.prefetches} prefetches; ${b.staticRequests} static files besides), ${b.statements} statements, LCP ${b.lcpMs === null ? "–" : `${b.lcpMs.toFixed(0)} ms`}.`,
    );
  }
  if (report.cpuProfile) {
    out.push("");
    out.push("| CPU profile under the members page at c=16: function | self ms | share |");
    out.push("| --- | --- | --- |");
    for (const f of report.cpuProfile)
      out.push(`| ${f.fn} | ${f.selfMs.toFixed(0)} | ${(f.share * 100).toFixed(1)}% |`);
  }
  return out.join("\n");
}

export function writeJson(report: Report) {
  const dir = path.resolve("bench/results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${report.startedAt.replace(/[:.]/g, "-")}-${report.scale}.json`);
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
