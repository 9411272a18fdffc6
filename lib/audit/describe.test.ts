import { describe, expect, it } from "vitest";
import { auditChanges, auditDetails, auditValueText, relativeTime } from "./describe";

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

describe("relativeTime", () => {
  it("reads in the largest unit that fits", () => {
    const now = new Date("2026-12-03T12:00:00Z");
    expect(relativeTime(new Date("2026-12-03T11:59:30Z"), now)).toBe("just now");
    expect(relativeTime(new Date("2026-12-03T11:57:00Z"), now)).toBe("3 minutes ago");
    expect(relativeTime(new Date("2026-12-02T12:00:00Z"), now)).toBe("yesterday");
  });
});
