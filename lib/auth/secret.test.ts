import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { testKind } from "@/tests/test-db";
import { authSecret, MissingAuthSecretError } from "./secret";

describe.runIf(testKind === "pglite")("the session secret", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("is generated once in the embedded mode and kept in the data folder", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-secret-"));
    Object.assign(process.env, { AUTH_SECRET: "", DATABASE_URL: "", ROSTER_DATA_DIR: dataDir });
    const first = authSecret();
    expect(first.length).toBeGreaterThanOrEqual(43);
    expect(authSecret()).toBe(first);
    expect(fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8")).toBe(first);
    fs.rmSync(dataDir, { recursive: true });
  });

  it("must be set when the app uses a PostgreSQL server", () => {
    Object.assign(process.env, { AUTH_SECRET: "", DATABASE_URL: "postgres://example.invalid/roster" });
    expect(() => authSecret()).toThrow(MissingAuthSecretError);
    expect(() => authSecret()).toThrow(/AUTH_SECRET is not set/);
  });

  it("comes from AUTH_SECRET when set", () => {
    Object.assign(process.env, {
      AUTH_SECRET: "from-the-environment",
      DATABASE_URL: "postgres://example.invalid/roster",
    });
    expect(authSecret()).toBe("from-the-environment");
  });
});
