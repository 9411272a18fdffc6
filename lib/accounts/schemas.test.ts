import { describe, expect, it } from "vitest";
import { shortNameSchema } from "./schemas";

const errorFor = (name: string) => shortNameSchema.safeParse(name).error?.issues[0]?.message;

describe("account short names", () => {
  it.each(["abc", "acme", "acme-inc", "a1-b2-c3", "x".repeat(32), "123"])("accepts %s", (name) => {
    expect(shortNameSchema.safeParse(name).success).toBe(true);
  });

  it.each([
    ["ab", "Use at least 3 characters."],
    ["x".repeat(33), "Use at most 32 characters."],
    ["Acme", "Use only lowercase letters, digits and dashes."],
    ["acme_inc", "Use only lowercase letters, digits and dashes."],
    ["acme inc", "Use only lowercase letters, digits and dashes."],
    ["-acme", "Dashes go between letters or digits, one at a time."],
    ["acme-", "Dashes go between letters or digits, one at a time."],
    ["acme--inc", "Dashes go between letters or digits, one at a time."],
    ["admin", "This name is reserved. Choose another one."],
    ["api", "This name is reserved. Choose another one."],
    ["settings", "This name is reserved. Choose another one."],
    ["sign-in", "This name is reserved. Choose another one."],
  ])("refuses %s: %s", (name, message) => {
    expect(errorFor(name)).toBe(message);
  });
});
