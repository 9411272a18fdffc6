import { describe, expect, it } from "vitest";
import { cn } from "./cn";

describe("cn", () => {
  it("joins classes and skips falsy values", () => {
    expect(cn("a", false, null, undefined, "", "b")).toBe("a b");
  });

  it("lets a later class override an earlier one of the same kind", () => {
    expect(cn("px-3 py-2 text-sm", "px-0")).toBe("py-2 text-sm px-0");
    expect(cn("ring-zinc-500", "ring-red-600")).toBe("ring-red-600");
  });

  it("keeps classes of different kinds side by side", () => {
    expect(cn("w-full", "mt-1", "text-zinc-900")).toBe("w-full mt-1 text-zinc-900");
  });

  it("knows the surface colour as a background colour", () => {
    expect(cn("bg-surface", "bg-red-600")).toBe("bg-red-600");
  });
});
