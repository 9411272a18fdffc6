// `node scripts/audit-dependencies.mjs [--audit-level=high] [--report <file>]`, run by .ci/run:
// `npm audit --audit-level=high` with an allow-list. It runs `npm audit --json` and fails when
// an advisory at or above the level (high and critical by default) is not in
// .ci/audit-allowlist.json. An allowed advisory is printed every time, with its reason; an
// entry past its review-by date allows nothing any more, so each one is looked at again.
// `--report <file>` reads a saved `npm audit --json` output instead of asking the registry.
//
// Plain Node (no TypeScript loader): CI runs it right after `npm install`, before anything else.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const ROOT = path.resolve(import.meta.dirname, "..");
const ALLOWLIST = path.join(ROOT, ".ci", "audit-allowlist.json");
const LEVELS = ["info", "low", "moderate", "high", "critical"];
const AUDIT_TIMEOUT_MS = 120_000;

const allowlistSchema = z.object({
  about: z.string().optional(),
  advisories: z.array(
    z.strictObject({
      /** The GitHub advisory id, e.g. GHSA-xxxx-xxxx-xxxx (the end of the advisory's URL). */
      id: z.string().regex(/^GHSA(-[a-z0-9]{4}){3}$/i),
      package: z.string().min(1),
      /** Why it cannot be fixed now and why it does not reach this app. */
      reason: z.string().min(20),
      reviewBy: z.iso.date(),
    }),
  ),
});

function option(name) {
  const args = process.argv.slice(2);
  const inline = args.find((arg) => arg.startsWith(`${name}=`));
  if (inline) return inline.slice(name.length + 1);
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function fail(message) {
  console.error(`Dependency audit failed: ${message}`);
  process.exit(1);
}

/**
 * A registry that cannot audit (no network, an endpoint down, a mirror without the audit API)
 * must not stop every build: the warning says plainly that nothing was audited. Findings, once
 * the registry answers, always fail the build.
 */
function unaudited(reason) {
  console.warn(`WARNING: dependencies were NOT audited: ${reason}`);
  console.warn("The npm audit endpoint could not be reached; the build goes on without the audit.");
  process.exit(0);
}

/** The output of `npm audit --json`: from a saved file, or from the registry. */
function auditReport() {
  const saved = option("--report");
  if (saved) return JSON.parse(fs.readFileSync(saved, "utf8"));
  const run = spawnSync("npm", ["audit", "--json"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: AUDIT_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) {
    if (run.error.code === "ETIMEDOUT") unaudited(`no answer within ${AUDIT_TIMEOUT_MS / 1000} s`);
    fail(`could not run npm audit: ${run.error.message}`);
  }
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    fail(`npm audit did not answer JSON (exit ${run.status}):\n${run.stdout}${run.stderr}`);
  }
  // npm answers `{ error: … }` (and exits non-zero) when the endpoint fails, never with findings.
  if (!report.vulnerabilities && (report.error || report.message)) {
    unaudited(
      report.message || report.error.summary || report.error.code || "the endpoint answered an error",
    );
  }
  return report;
}

/** Every advisory in the report, once per advisory and package. */
function advisories(report) {
  if (!report.vulnerabilities || typeof report.vulnerabilities !== "object") {
    fail("the npm audit report has no `vulnerabilities`: is this `npm audit --json` output?");
  }
  const found = new Map();
  for (const vulnerability of Object.values(report.vulnerabilities)) {
    for (const via of vulnerability.via) {
      if (typeof via === "string") continue; // a dependency that is vulnerable through another
      const id = /GHSA(-[a-z0-9]{4}){3}/i.exec(via.url ?? "")?.[0] ?? `npm-${via.source}`;
      found.set(`${id} ${via.name}`, {
        id,
        package: via.name,
        severity: via.severity,
        title: via.title,
        range: via.range,
        url: via.url,
        fix: report.vulnerabilities[via.name]?.fixAvailable,
      });
    }
  }
  return [...found.values()];
}

const advisoriesCount = (n) => `${n} ${n === 1 ? "advisory" : "advisories"}`;

const describeFix = (fix) =>
  fix === true
    ? "fix: `npm audit fix`"
    : fix && typeof fix === "object"
      ? `fix: ${fix.name}@${fix.version}${fix.isSemVerMajor ? " (semver-major)" : ""}`
      : "no fix available";

function main() {
  const level = option("--audit-level") ?? "high";
  if (!LEVELS.includes(level)) fail(`unknown --audit-level ${level} (one of ${LEVELS.join(", ")})`);
  const parsed = allowlistSchema.safeParse(JSON.parse(fs.readFileSync(ALLOWLIST, "utf8")));
  if (!parsed.success)
    fail(`${path.relative(ROOT, ALLOWLIST)} is malformed: ${z.prettifyError(parsed.error)}`);
  const allowlist = parsed.data.advisories;
  const today = new Date().toISOString().slice(0, 10);

  const found = advisories(auditReport());
  const serious = found.filter((a) => LEVELS.indexOf(a.severity) >= LEVELS.indexOf(level));
  const allowed = [];
  const refused = [];
  for (const advisory of serious) {
    const entry = allowlist.find(
      (e) => e.id.toLowerCase() === advisory.id.toLowerCase() && e.package === advisory.package,
    );
    if (entry && entry.reviewBy >= today) allowed.push({ advisory, entry });
    else refused.push({ advisory, expired: entry });
  }

  const line = (a) =>
    `${a.severity} ${a.package} ${a.range ?? ""} ${a.id}: ${a.title} (${describeFix(a.fix)}) ${a.url ?? ""}`;
  const below = found.length - serious.length;
  console.log(
    `Dependency audit: ${advisoriesCount(found.length)}, ${serious.length} at ${level} or above` +
      (below ? ` (${below} below ${level}, not blocking)` : "") +
      `; ${allowed.length} allowed, ${refused.length} refused.`,
  );
  for (const { advisory, entry } of allowed) {
    console.log(`  allowed until ${entry.reviewBy}: ${line(advisory)}\n    reason: ${entry.reason}`);
  }
  const unused = allowlist.filter(
    (e) => !serious.some((a) => a.id.toLowerCase() === e.id.toLowerCase() && a.package === e.package),
  );
  for (const entry of unused) {
    console.log(`  allow-list entry no longer needed, remove it: ${entry.id} (${entry.package})`);
  }
  if (refused.length) {
    for (const { advisory, expired } of refused) {
      console.error(
        `  ${expired ? `allow-list entry expired on ${expired.reviewBy}: ` : ""}${line(advisory)}`,
      );
    }
    fail(
      `${advisoriesCount(refused.length)} at ${level} or above. Raise the dependency (package.json ` +
        `"overrides" for a transitive one), or, where no fix exists and the flaw cannot reach ` +
        `this app, add it to .ci/audit-allowlist.json with the reason and a review-by date.`,
    );
  }
}

main();
