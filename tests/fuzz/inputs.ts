import fc from "fast-check";
import type { z } from "zod";
import {
  anything,
  formValue,
  hostileText,
  hugeText,
  mutationOf,
  notAString,
  strangeKey,
} from "./hostile-values";
import { fieldsOf, namedValues } from "./schema-fields";
import type { FieldValues } from "./world-values";

/** One field of an action's input: values its schema takes, and values meant to break it. */
function fieldArbitraries(name: string, schema: z.ZodType, values: FieldValues) {
  // The schema's own options (an enum's) if it names any, else the world's values for the
  // name; those the field's schema takes come first, the rest count as hostile.
  const named = namedValues(schema);
  const candidates = named.length > 0 ? named : (values[name] ?? ["fuzz"]);
  const accepted = candidates.filter((value) => schema.safeParse(value).success);
  const valid = accepted.length > 0 ? accepted : candidates;
  // The first value is the caller's own (their account, their project): the one that goes deepest.
  const validArb = fc.oneof(
    { weight: 3, arbitrary: fc.constant(valid[0]) },
    { weight: 2, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...candidates) },
  );
  const hostile = fc.oneof(
    { weight: 4, arbitrary: hostileText },
    { weight: 1, arbitrary: hugeText },
    { weight: 3, arbitrary: notAString },
    { weight: 4, arbitrary: fc.constantFrom(...valid).chain(mutationOf) },
  );
  return { name, valid: validArb, hostile };
}

/**
 * Inputs for an action with this schema: (a) anything at all, or random form fields; (b) its
 * own fields, each valid-looking, hostile or missing; most often all valid-looking but one,
 * so the hostile value reaches the deepest code; sometimes all valid-looking. Extra keys ride along.
 */
export function inputsFor(schema: z.ZodType, values: FieldValues): fc.Arbitrary<unknown> {
  const fields = Object.entries(fieldsOf(schema)).map(([name, field]) =>
    fieldArbitraries(name, field, values),
  );
  const names = fields.map((f) => f.name);
  const extraKeys = fc.dictionary(strangeKey, anything, { maxKeys: 2 });
  const record = (pick: (field: (typeof fields)[number]) => fc.Arbitrary<unknown>) =>
    fc.record(Object.fromEntries(fields.map((field) => [field.name, pick(field)])));
  const withExtra = (input: fc.Arbitrary<Record<string, unknown>>) =>
    fc.tuple(fc.option(extraKeys, { freq: 3 }), input).map(([extra, own]) => ({ ...extra, ...own }));

  const random = fc.oneof(
    anything,
    fc.dictionary(strangeKey, formValue, { maxKeys: 6 }),
    ...(names.length > 0
      ? [fc.dictionary(fc.constantFrom(...names), formValue, { maxKeys: names.length })]
      : []),
  );
  if (fields.length === 0) return fc.oneof(random, withExtra(fc.constant({})));
  const mixed = withExtra(
    record((field) =>
      fc.oneof(
        { weight: 3, arbitrary: field.valid },
        { weight: 3, arbitrary: field.hostile },
        { weight: 1, arbitrary: fc.constant(undefined) },
      ),
    ),
  );
  const oneHostile = withExtra(
    fc
      .tuple(
        record((field) => field.valid),
        fc
          .integer({ min: 0, max: fields.length - 1 })
          .chain((i) => fields[i]!.hostile.map((value) => [i, value] as const)),
      )
      .map(([input, [i, value]]) => ({ ...input, [fields[i]!.name]: value })),
  );
  return fc.oneof(
    { weight: 2, arbitrary: random },
    { weight: 2, arbitrary: mixed },
    { weight: 5, arbitrary: oneHostile },
    { weight: 1, arbitrary: withExtra(record((field) => field.valid)) },
  );
}
