import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("the path to return to after signing in", () => {
  it.each(["/a/acme", "/a/acme/members?sort=role", "/accounts#invitations"])("keeps %s", (path) => {
    expect(safeRedirectPath(path)).toBe(path);
  });

  it.each([
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "/.//evil.example",
    "/a/..//evil.example",
    "/%2e//evil.example",
    "javascript:alert(1)",
    "",
    null,
  ])("refuses %s", (path) => {
    expect(safeRedirectPath(path, "/fallback")).toBe("/fallback");
  });
});
