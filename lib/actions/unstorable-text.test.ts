import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SIGNED_OUT } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { publicAction } from "./action";
import { pathOfUnstorableText, UNSTORABLE_TEXT } from "./unstorable-text";

testDatabase();

describe("text the database cannot store", () => {
  it("is found wherever it is: a field, a list, a nested object, a key", () => {
    expect(pathOfUnstorableText({ name: "Ada\u0000" })).toBe("name");
    expect(pathOfUnstorableText({ keys: ["WEB", "A\ud800"] })).toBe("keys.1");
    expect(pathOfUnstorableText({ settings: { "x\udfff": "grant" } })).toBe("settings.x\udfff");
    expect(pathOfUnstorableText("\u0000")).toBe("form");
  });

  it("is not what looks odd but stores well: emoji, right-to-left marks, combining marks", () => {
    expect(pathOfUnstorableText({ name: "👩‍👩‍👧 \u202eAda e\u0301", when: new Date(), n: 1 })).toBeNull();
  });

  it("is refused by every action as invalid input, before its handler runs", async () => {
    let ran = false;
    const rename = publicAction(z.object({ name: z.string() }), async () => {
      ran = true;
      return null;
    });
    for (const name of ["Ada\u0000Lovelace", "Ada \ud83d"]) {
      expect(await rename.runAs(SIGNED_OUT, { name })).toEqual({
        ok: false,
        code: "invalid",
        error: "Some fields need attention.",
        fieldErrors: { name: UNSTORABLE_TEXT },
      });
    }
    expect(ran).toBe(false);
  });
});
