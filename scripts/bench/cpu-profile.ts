// Where the server's time goes (BENCH_CPU_PROFILE=1): the server runs with `--cpu-prof`, and the
// profile it writes on exit is summed up by function, by self time (the samples taken in the
// function itself, not in what it called).
import fs from "node:fs";
import path from "node:path";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
};
type Profile = { nodes: ProfileNode[]; samples: number[]; startTime: number; endTime: number };

/** The largest profile in `dir` (the server's; `next start` may have written a small one of its own). */
export function largestProfile(dir: string): string | null {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(dir, f));
  files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  return files[0] ?? null;
}

/** The `top` functions by self time, with their share of all samples (idle included). */
export function topFunctions(file: string, top = 15) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const perSampleMs = totalMs / Math.max(1, profile.samples.length);
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    if (!node.hitCount) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? ` ${url.replace(/^.*\/(node_modules|\.next)\//, "$1/")}:${lineNumber + 1}` : "";
    const key = `${functionName || "(anonymous)"}${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + node.hitCount * perSampleMs);
  }
  return [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, selfMs]) => ({ fn, selfMs, share: selfMs / totalMs }));
}
