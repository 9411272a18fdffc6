import { describe, expect, it } from "vitest";
import { loadProjectContext } from "@/lib/projects/project-context";
import { loadRepository } from "@/lib/repositories/repositories";
import { memberContextOf, signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { loadMemberContext } from "./member-context";

// Names in a URL (/a/<short name>/projects/<key>, /repositories/<name>) reach these loaders
// as typed. Text PostgreSQL cannot hold (a NUL byte, half an emoji) must be "not found", as any
// other unknown name is, never a database error (a 500).

const t = testDatabase();

describe("names from a URL that could never exist", () => {
  it("are not found, without a database error", async () => {
    const { user, account } = await signUp(t.db);
    const ctx = await memberContextOf(t.db, user, account.shortName);
    for (const bad of ["a\u0000b", "\ud800", "x".repeat(5000), "Bad Name", "../settings"]) {
      expect(await loadMemberContext(t.db, ctx.user, bad)).toBeNull();
      expect(await loadProjectContext(t.db, ctx, bad)).toBeNull();
      expect(await loadRepository(t.db, ctx, bad)).toBeNull();
    }
  });
});
