import { describe, expect, it } from "vitest";
import { parseCsv } from "@/tests/csv";
import { csvCell, csvRow } from "./csv";

describe("csvCell", () => {
  it("leaves plain text alone and writes nothing for no value", () => {
    expect(csvCell("Ada Lovelace")).toBe("Ada Lovelace");
    expect(csvCell("ada@example.test")).toBe("ada@example.test");
    expect(csvCell("")).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes fields holding a comma, a quote or a line break, doubling the quotes (RFC 4180)", () => {
    expect(csvCell("Acme, Inc.")).toBe('"Acme, Inc."');
    expect(csvCell('Grace "Amazing" Hopper')).toBe('"Grace ""Amazing"" Hopper"');
    expect(csvCell('"')).toBe('""""');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("line one\r\nline two")).toBe('"line one\r\nline two"');
  });

  it("neutralises what a spreadsheet would run as a formula, with a leading single quote", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell('=HYPERLINK("http://evil.test","Click")')).toBe(
      `"'=HYPERLINK(""http://evil.test"",""Click"")"`,
    );
    expect(csvCell("+41 44 000 00 00")).toBe("'+41 44 000 00 00");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1:A9)")).toBe("'@SUM(A1:A9)");
    expect(csvCell("\t=1+1")).toBe("'\t=1+1");
    // A carriage return also needs the quotes it would have had anyway.
    expect(csvCell("\r=1+1")).toBe('"\'\r=1+1"');
    // Neutralised first, then quoted: the comma still forces quotes.
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
  });

  it("neutralises only at the start of a field", () => {
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("Mary-Jane")).toBe("Mary-Jane");
    expect(csvCell("ada+tag@example.test")).toBe("ada+tag@example.test");
  });

  it("keeps unicode as it is", () => {
    expect(csvCell("Zoë Ångström")).toBe("Zoë Ångström");
    expect(csvCell("山田 太郎")).toBe("山田 太郎");
    expect(csvCell("🙂, 👍")).toBe('"🙂, 👍"');
  });
});

describe("csvRow", () => {
  it("joins fields with commas and ends the record with CRLF", () => {
    expect(csvRow(["a", "b", null, "c"])).toBe("a,b,,c\r\n");
    expect(csvRow([])).toBe("\r\n");
  });

  it("reads back as the values written, formulas aside", () => {
    const values = ["Acme, Inc.", 'say "hi"', "two\nlines", "Zoë", "", "plain", "cr\rinside"];
    expect(parseCsv(csvRow(values) + csvRow(values))).toEqual([values, values]);
    expect(parseCsv(csvRow(["=1+1", "@x", "\r", "-"]))).toEqual([["'=1+1", "'@x", "'\r", "'-"]]);
  });
});
