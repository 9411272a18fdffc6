// Statements per request, as scripts/count-statements.ts counts them: the server runs with
// ROSTER_STATEMENT_LOG (db/client.ts appends each statement it sends to that file), and what the
// file gained over a run of requests, sent one at a time, is divided by their number.
import fs from "node:fs";

/** Where the log ends now: statementsSince() reads what comes after. */
export const logMark = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

/**
 * The statements logged since `mark`. postgres.js reads the array types once on each connection
 * it opens: the pool's cost, not a page's, so those are left out.
 */
export function statementsSince(file: string, mark: number): string[] {
  if (!fs.existsSync(file)) return [];
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.max(0, size - mark));
    fs.readSync(fd, buffer, 0, buffer.length, mark);
    return buffer
      .toString("utf8")
      .split("\n")
      .filter((line) => line && !line.includes("from pg_catalog.pg_type"));
  } finally {
    fs.closeSync(fd);
  }
}

/** The write statements among `statements` (a GET should have none). */
export const writesIn = (statements: string[]) =>
  statements.filter((s) => /^\s*(insert|update|delete)\b/i.test(s)).length;
