import { describe, expect, it } from "vitest";
import { avatarTone, initials } from "./avatar";

describe("initials", () => {
  it("takes the first letters of the first and last names", () => {
    expect(initials("Ada Lovelace", "ada@example.com")).toBe("AL");
    expect(initials("Grace Brewster Murray Hopper", "grace@example.com")).toBe("GH");
  });

  it("takes one letter of a single name", () => {
    expect(initials("  grace  ", "grace@example.com")).toBe("G");
  });

  it("falls back to the email when there is no name", () => {
    expect(initials("", "zoe@example.com")).toBe("Z");
    expect(initials(null, "zoe@example.com")).toBe("Z");
    expect(initials("   ", "zoe@example.com")).toBe("Z");
  });

  it("keeps letters outside the Basic Multilingual Plane whole and upper-cases others", () => {
    expect(initials("𝒜da émile", "x@example.com")).toBe("𝒜É");
    expect(initials("łukasz żak", "x@example.com")).toBe("ŁŻ");
  });
});

describe("avatarTone", () => {
  it("gives the same id the same colour every time", () => {
    const id = "0b9f6a3e-8f1c-4c53-9a51-1f1f0e6b2c44";
    expect(avatarTone(id)).toBe(avatarTone(id));
  });

  it("spreads ids over more than one colour", () => {
    const ids = Array.from(
      { length: 50 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    );
    expect(new Set(ids.map(avatarTone)).size).toBeGreaterThan(3);
  });
});
