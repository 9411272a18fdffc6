import fc from "fast-check";

/**
 * Values a server action may receive from anyone who posts to it: what a form sends (strings,
 * lists of strings), what React's action encoding carries (JSON, dates, big integers, maps,
 * sets, typed arrays, undefined, NaN), and text chosen to break things.
 */

/** Single characters that have broken text handling somewhere. */
const NASTY_CHARACTERS = [
  "\u0000", // NUL: PostgreSQL text cannot hold it
  "\ud800", // a lone high surrogate
  "\udfff", // a lone low surrogate
  "\u202e", // right-to-left override
  "\u200f", // right-to-left mark
  "\u200b", // zero-width space
  "\ufeff", // byte order mark
  "\u0301", // a combining mark with nothing to combine with
  "e\u0301", // é as two code points
  "😀",
  "👩‍👩‍👧", // one grapheme, several code points
  "\r\n",
  "\t",
  "'",
  '"',
  "\\",
  "%",
  "_",
  "<",
  "&",
  "$",
  "\u00a0",
  "\u2028",
];

/** Whole strings that have broken parsers, queries and templates somewhere. */
const NASTY_STRINGS = [
  "",
  " ",
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  "$1",
  "%s%n",
  "{{7*7}}",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "../../etc/passwd",
  "//evil.test/",
  "https://evil.test/",
  "__proto__",
  "constructor",
  "toString",
  "null",
  "undefined",
  "true",
  "NaN",
  "-1",
  "0",
  "1e309",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "custom:00000000-0000-0000-0000-000000000000",
  "owner",
  "OWNER",
  "a@b",
  "a@b.c",
  "\u0000@example.test",
  "admin@example.test\r\nBcc: victim@example.test",
  "Ada <ada@example.test>, bob@example.test; carol@example.test",
];

const nastyCharacter = fc.constantFrom(...NASTY_CHARACTERS);

/** One unit of text: any code point, any printable grapheme, or a nasty character. */
const textUnit = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: nastyCharacter },
);

/** Short hostile text. */
export const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: textUnit, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
);

/** Text far longer than any field allows (up to 300,000 characters), built by repetition. */
export const hugeText = fc
  .tuple(fc.string({ unit: textUnit, minLength: 1, maxLength: 4 }), fc.integer({ min: 200, max: 300_000 }))
  .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));

/** Anything at all, as React's action encoding could carry it. */
export const anything = fc.anything({
  maxDepth: 3,
  maxKeys: 6,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("__proto__", "constructor", "account", "0")),
  values: [hostileText, fc.boolean(), fc.integer(), fc.double(), fc.constant(null), fc.constant(undefined)],
});

/** A value that is not a plain string: numbers, booleans, null, lists where one value belongs, objects. */
export const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2),
  fc.bigInt(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: false }),
  fc.array(hostileText, { maxLength: 4 }),
  fc.array(anything, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), hostileText, { maxKeys: 3 }),
  anything,
);

/** A value as a form posts it: one string, or the same name repeated. */
export const formValue = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.array(hostileText, { minLength: 2, maxLength: 4 }) },
);

/** Field names nobody expects. */
export const strangeKey = fc.oneof(
  fc.string({ unit: textUnit, maxLength: 12 }),
  fc.constantFrom("__proto__", "constructor", "prototype", "$ACTION_ID_x", "$ACTION_REF_1", "toString"),
);

/** A hostile change to a valid value: nasty text around or inside it, another case, a list of it. */
export function mutationOf(value: unknown): fc.Arbitrary<unknown> {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  return fc.oneof(
    fc.tuple(hostileText, hostileText).map(([before, after]) => `${before}${text}${after}`),
    fc
      .tuple(nastyCharacter, fc.nat({ max: Math.max(text.length, 1) }))
      .map(([c, at]) => text.slice(0, at) + c + text.slice(at)),
    fc.constantFrom(text.toUpperCase(), text.toLowerCase(), ` ${text} `, `${text}\u0000`, `\u202e${text}`),
    fc.constant([value, value]),
    fc.constant({ value }),
  );
}
