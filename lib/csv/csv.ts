/**
 * CSV text as RFC 4180 has it (fields separated by commas, records by CRLF, a field quoted
 * when it holds a comma, a quote or a line break), made safe to open in a spreadsheet.
 */

/**
 * What makes a spreadsheet read a cell as a formula (or, for tab and carriage return, lets
 * one hide behind leading whitespace): OWASP's list for CSV injection.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Needs quoting: a separator, a quote or a line break anywhere in the field. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field. Empty for null; a value that a spreadsheet would run as a formula gets a leading
 * single quote, which spreadsheets show as text and which reads as an obvious marker to anyone
 * processing the file otherwise. The quote goes in before quoting, so "=1,2" ends up as
 * `"'=1,2"`.
 */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, ending with CRLF. */
export function csvRow(values: readonly (string | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
