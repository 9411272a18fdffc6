/**
 * Text PostgreSQL cannot store: the NUL character (U+0000), which no text column holds, and
 * half of a surrogate pair (a broken emoji, which only a script sends), which no jsonb value
 * (the audit log's data) holds. A query carrying either fails with a database error. No field
 * has a use for them, so actions refuse them as invalid input, for every field at once,
 * instead of each schema remembering to.
 */
export const UNSTORABLE_TEXT = "Remove the invisible or broken characters from this text.";

const unstorable = (text: string) => text.includes("\u0000") || !text.isWellFormed();

/** Whether PostgreSQL can hold this text (for names that arrive outside an action, in a URL). */
export const isStorableText = (text: string) => !unstorable(text);

/** The path ("settings.x", "projectKeys.0") of the first string that cannot be stored, if any. */
export function pathOfUnstorableText(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return unstorable(value) ? path.join(".") || "form" : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = pathOfUnstorableText(item, [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return null; // dates, maps: not text
    for (const [key, item] of Object.entries(value)) {
      const found = unstorable(key) ? [...path, key].join(".") : pathOfUnstorableText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
