// Unexpected errors are logged in one line, with a reference the user is shown, and without
// anything a request put into them. A database error carries the query's parameters (drizzle's
// DrizzleQueryError puts them in its message), a `detail` with the row's values ("Key
// (email)=(ada@example.com) already exists") and messages that quote input ('invalid input
// syntax for type uuid: "…"'): of those only the SQLSTATE code and the names of the table,
// column and constraint are logged, which is enough to find the bug and holds no one's email
// or password hash.

/** A short random reference that ties what a user is told to one log line. */
export function newReference(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(5));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

type Fields = Record<string, unknown>;

const asFields = (value: unknown): Fields | null =>
  typeof value === "object" && value !== null ? (value as Fields) : null;

/** drizzle-orm's DrizzleQueryError (its name is plain "Error"): the query and its parameters. */
const isQueryError = (error: Fields) => typeof error.query === "string" && Array.isArray(error.params);

/** A server's error report (postgres.js PostgresError, PGlite DatabaseError): severity and SQLSTATE. */
const isDatabaseError = (error: Fields) =>
  typeof error.severity === "string" && typeof error.code === "string" && /^[0-9A-Z]{5}$/.test(error.code);

/** The error and the errors it wraps (`cause`), outermost first. */
function chain(error: unknown): Fields[] {
  const links: Fields[] = [];
  for (let link = asFields(error); link && links.length < 5 && !links.includes(link); ) {
    links.push(link);
    link = asFields(link.cause);
  }
  return links;
}

const text = (value: unknown, max: number) => (typeof value === "string" ? value.slice(0, max) : null);

function nameOf(error: Fields): string {
  if (isQueryError(error)) return "DrizzleQueryError";
  const constructorName = asFields(error.constructor)?.name;
  return text(error.name, 80) ?? text(constructorName, 80) ?? "Error";
}

/** What is safe to say of a database error: its SQLSTATE and the names of what it concerns. */
function describeDatabaseError(error: Fields): string {
  const names = {
    schema: error.schema_name ?? error.schema,
    table: error.table_name ?? error.table,
    column: error.column_name ?? error.column,
    constraint: error.constraint_name ?? error.constraint,
  };
  const parts = Object.entries(names)
    .map(([label, value]) => (typeof value === "string" && value ? `${label} ${value.slice(0, 80)}` : null))
    .filter(Boolean);
  return `database error ${String(error.code)}${parts.length ? ` (${parts.join(", ")})` : ""}`;
}

/** Where the error was thrown: the stack's frames, never its first line (which repeats the message). */
function framesOf(error: Fields): string[] {
  const stack = text(error.stack, 10_000) ?? "";
  return stack
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 8)
    .map((line) => line.trim());
}

/**
 * One line that says what went wrong without any value it carried: for a database error (or an
 * error wrapping one) the SQLSTATE code and table, column and constraint names; for any other
 * error its name, code and message.
 */
export function describeError(error: unknown): string {
  const links = chain(error);
  if (links.length === 0) return `a thrown ${error === null ? "null" : typeof error} (value not logged)`;
  const fromDatabase = links.some((link) => isDatabaseError(link) || isQueryError(link));
  const description = links.map((link) => {
    if (isDatabaseError(link)) return describeDatabaseError(link);
    const code = text(link.code, 40);
    const name = `${nameOf(link)}${code ? ` ${code}` : ""}`;
    // Above or beside a database error, a message may quote its query, parameters or detail.
    if (fromDatabase) return name;
    return `${name}: ${text(link.message, 500) ?? ""}`;
  });
  return description.join(" ← caused by ");
}

/**
 * Logs an unexpected error from `where` (an action, the email worker, a page) with a reference,
 * and returns the reference for the user to quote. `reference` is given when one exists already
 * (the digest Next shows on its error page).
 */
export function logUnexpected(where: string, error: unknown, reference = newReference()): string {
  const frames = chain(error).slice(0, 1).flatMap(framesOf);
  console.error(
    [`[${where}] unexpected error, reference ${reference}: ${describeError(error)}`, ...frames].join("\n    "),
  );
  return reference;
}

/**
 * For errors thrown while rendering a page or running a route handler (instrumentation's
 * `onRequestError`, which Next calls before logging the error itself): logs our line under the
 * digest the error page shows as its reference, then empties a database error of what it
 * carries, so that Next's own log of the same object says nothing more.
 */
export function logRequestError(error: unknown, where: string): string {
  const digest = text(asFields(error)?.digest, 64) ?? undefined;
  const reference = logUnexpected(where, error, digest);
  const links = chain(error);
  const outermost = links[0];
  if (outermost && links.some((link) => isDatabaseError(link) || isQueryError(link))) {
    const name = nameOf(outermost);
    const summary = `${describeError(error)} (reference ${reference}; details are not logged)`;
    const carried = ["message", "stack", "cause", "query", "params", "parameters", "detail"];
    for (const key of new Set([...Object.keys(outermost), ...carried])) {
      if (key === "digest") continue;
      try {
        delete outermost[key];
      } catch {
        // Read-only (postgres.js defines some so): those are not enumerable, and no log shows them.
      }
    }
    Object.defineProperty(outermost, "message", { value: summary, writable: true, configurable: true });
    Object.defineProperty(outermost, "stack", { value: `${name}: ${summary}`, writable: true, configurable: true });
  }
  return reference;
}
