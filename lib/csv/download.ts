import { logUnexpected } from "@/lib/log";

/** Byte order mark: without it, Excel reads a UTF-8 file as the local code page and mangles "Zoë". */
const BOM = "\uFEFF";

/**
 * A CSV download's body from CSV text produced piece by piece: UTF-8, opening with the byte
 * order mark. Pull-based — the next piece is asked for only when the client has taken the
 * previous one — so a slow client slows the export down instead of making us buffer it, and
 * a client that goes away stops it (the producer's `finally` runs).
 */
export function csvDownloadStream(pieces: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pieces[Symbol.asyncIterator]();
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await iterator.next();
          if (done) {
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(first ? BOM + value : value));
          first = false;
        } catch (error) {
          // The response has started: all that is left is to cut it short, which the
          // browser reports as a failed download rather than a truncated file that looks whole.
          logUnexpected("csv export", error);
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    // Nothing read ahead: the database is asked for a batch only when the client wants it.
    { highWaterMark: 0 },
  );
}

/** Headers of a CSV download named `filename` (letters, digits, dots, dashes, underscores). */
export function csvDownloadHeaders(filename: string): HeadersInit {
  const safeName = filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${safeName}"`,
    // People's names and emails: kept out of every cache on the way.
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
