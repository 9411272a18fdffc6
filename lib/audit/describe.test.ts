import { describe, expect, it } from "vitest";
import { auditChanges, auditDetails, auditValueText } from "./describe";

describe("auditChanges", () => {
  it("lists the fields that differ between before and after objects", () => {
    expect(
      auditChanges({
        member: "ada@example.test",
        before: { role: "Member", overrides: [] },
        after: { role: "Administrator", overrides: [] },
      }),
    ).toEqual([{ field: "role", before: "Member", after: "Administrator" }]);
    expect(auditChanges({ after: { defaultRole: "Guest" } })).toEqual([
      { field: "defaultRole", before: "—", after: "Guest" },
    ]);
  });

  it("shows plain values as one change, and nothing without before or after", () => {
    expect(auditChanges({ project: "WEB", before: "viewer", after: "editor" })).toEqual([
      { field: null, before: "viewer", after: "editor" },
    ]);
    expect(auditChanges({ email: "x@example.test" })).toEqual([]);
  });
});

describe("auditDetails and auditValueText", () => {
  it("gives the rest of the data as short text", () => {
    expect(auditDetails({ member: "ada@example.test", before: 1, after: 2, n: 3 })).toEqual([
      { field: "member", value: "ada@example.test" },
      { field: "n", value: "3" },
    ]);
    expect(auditValueText(null)).toBe("—");
    expect(auditValueText(true)).toBe("true");
    expect(auditValueText("x".repeat(500))).toHaveLength(120);
  });
});
