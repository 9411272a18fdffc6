/**
 * Reads CSV as RFC 4180 writes it, strictly — records end with CRLF, a line break or quote
 * only inside a quoted field — so that tests of the export catch a malformed file rather
 * than read past it.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') {
        field += c;
      } else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
      }
    } else if (c === '"') {
      if (field !== "" || wasQuoted) throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = wasQuoted = true;
    } else if (c === ",") {
      record.push(field);
      field = "";
      wasQuoted = false;
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      wasQuoted = false;
      i++;
    } else if (c === "\r" || c === "\n") {
      throw new Error(`a line break outside quotes at ${i}`);
    } else {
      if (wasQuoted) throw new Error(`text after a closing quote at ${i}`);
      field += c;
    }
  }
  if (quoted || field !== "" || record.length > 0) throw new Error("the last record does not end with CRLF");
  return records;
}

/** A download's bytes as text, keeping a byte order mark (Response.text() drops it). */
export async function readDownload(body: ReadableStream<Uint8Array> | null): Promise<string> {
  const bytes = await new Response(body).arrayBuffer();
  return new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(bytes);
}
