import type { z } from "zod";

/** The parts of zod 4's schema definitions this file reads (`schema._zod.def`). */
type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
};

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The fields of an action's input schema (an object, possibly behind a transform). */
export function fieldsOf(schema: z.ZodType): Record<string, z.ZodType> {
  const def = defOf(schema);
  if (def.type === "object") return (schema as unknown as { shape: Record<string, z.ZodType> }).shape;
  if (def.type === "pipe" && def.in) return fieldsOf(def.in);
  throw new Error(`an action's input schema should be an object, not ${def.type}`);
}

/**
 * Values a field's schema itself names as valid: an enum's options, literals, booleans, a list
 * of such options, a record keyed by them. Free text has none (the fuzz gives names of its own).
 */
export function namedValues(schema: z.ZodType): unknown[] {
  const def = defOf(schema);
  switch (def.type) {
    case "enum":
      return Object.values(def.entries ?? {});
    case "literal":
      return def.values ?? [];
    case "boolean":
      return [true, false];
    case "union":
      return (def.options ?? []).flatMap(namedValues);
    case "optional":
    case "default":
    case "nullable":
      return def.innerType ? namedValues(def.innerType) : [];
    case "pipe":
      return def.in ? namedValues(def.in) : [];
    case "array": {
      const options = def.element ? namedValues(def.element) : [];
      return options.length > 0 ? [[options[0]], options.slice(0, 3)] : [];
    }
    case "record": {
      const keys = def.keyType ? namedValues(def.keyType) : [];
      const values = def.valueType ? namedValues(def.valueType) : [];
      if (keys.length === 0 || values.length === 0) return [];
      return [{ [String(keys[0])]: values[0] }, { [String(keys.at(-1))]: values.at(-1) }];
    }
    default:
      return [];
  }
}
