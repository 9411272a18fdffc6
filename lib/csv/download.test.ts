import { describe, expect, it } from "vitest";
import { readDownload } from "@/tests/csv";
import { csvDownloadHeaders, csvDownloadStream } from "./download";

describe("csvDownloadStream", () => {
  it("is UTF-8 opening with a byte order mark, then the pieces in order", async () => {
    async function* pieces() {
      yield "Name\r\n";
      yield "Zoë\r\n";
      yield "山田\r\n";
    }
    const bytes = new Uint8Array(await new Response(csvDownloadStream(pieces())).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await readDownload(csvDownloadStream(pieces()))).toBe("\uFEFFName\r\nZoë\r\n山田\r\n");
  });

  it("asks for a piece only when the reader wants one, and stops the producer when the reader goes away", async () => {
    let produced = 0;
    let finished = false;
    async function* pieces() {
      try {
        for (;;) {
          produced++;
          yield `row ${produced}\r\n`;
        }
      } finally {
        finished = true;
      }
    }
    const reader = csvDownloadStream(pieces()).getReader();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(produced).toBe(0);
    await reader.read();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(produced).toBe(2);
    await reader.cancel();
    expect(finished).toBe(true);
  });

  it("errors the stream when the producer fails, rather than ending it as if complete", async () => {
    async function* pieces() {
      yield "Name\r\n";
      throw new Error("database went away");
    }
    const original = console.error;
    console.error = () => {};
    try {
      await expect(readDownload(csvDownloadStream(pieces()))).rejects.toThrow("database went away");
    } finally {
      console.error = original;
    }
  });
});

describe("csvDownloadHeaders", () => {
  it("names an attachment, never cached, and keeps the file name to safe characters", () => {
    expect(csvDownloadHeaders("acme-people-2026-12-02.csv")).toMatchObject({
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="acme-people-2026-12-02.csv"',
      "Cache-Control": "no-store",
    });
    expect(csvDownloadHeaders('a"b\r\n.csv')).toMatchObject({
      "Content-Disposition": 'attachment; filename="a_b__.csv"',
    });
  });
});
