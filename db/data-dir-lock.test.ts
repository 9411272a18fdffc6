import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "./client";
import { testKind } from "@/tests/test-db";

// PGlite does not lock its folder, and two processes on one folder silently lose writes: the
// embedded mode holds a lock, and a second process stops with a clear message.
describe.runIf(testKind === "pglite")("the embedded database's lock", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-lock-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const migrateInAnotherProcess = () =>
    spawnSync(
      path.resolve("node_modules/.bin/tsx"),
      ["--import", "./scripts/server-only-hooks.mjs", "scripts/migrate.ts"],
      {
        env: { ...process.env, DATABASE_URL: "", ROSTER_DATA_DIR: dataDir },
        encoding: "utf8",
      },
    );

  it("refuses a second process while one holds the folder, and lets it in afterwards", async () => {
    const database = await openPglite(dataDir);
    try {
      const refused = migrateInAnotherProcess();
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`is in use by another Roster process (pid ${process.pid})`);
    } finally {
      await database.close();
    }
    const allowed = migrateInAnotherProcess();
    expect(allowed.stderr).toBe("");
    expect(allowed.status).toBe(0);
  });

  it("takes over a lock left behind by a process that no longer runs", async () => {
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    fs.writeFileSync(path.join(dataDir, "roster.lock"), gone.stdout);
    const database = await openPglite(dataDir);
    expect(fs.readFileSync(path.join(dataDir, "roster.lock"), "utf8")).toBe(String(process.pid));
    await database.close();
    expect(fs.existsSync(path.join(dataDir, "roster.lock"))).toBe(false);
  });
});
