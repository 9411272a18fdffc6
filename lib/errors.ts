/**
 * Errors the domain raises on purpose. Each carries a message meant for the user; the action
 * layer turns it into a typed result. Anything else is a bug: logged, and answered with a
 * generic message.
 */
export type AppErrorCode =
  "invalid" | "unauthenticated" | "not_found" | "forbidden" | "conflict" | "rate_limited";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** The form field the message belongs next to, if any. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** An outsider asking for a private thing: answered as if it did not exist. */
export const notFoundError = () => new AppError("not_found", "Not found.");

/** The PostgreSQL unique-violation constraint behind an error, if that is what it is. */
export function uniqueViolation(error: unknown): string | null {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name, constraint } = e as {
      code?: string;
      constraint_name?: string;
      constraint?: string;
    };
    if (code === "23505") return constraint_name ?? constraint ?? "";
  }
  return null;
}
