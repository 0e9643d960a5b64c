import type { z } from 'zod';

/**
 * A check, compiled from a zod schema, that a value already is what the schema's parse would return: every field
 * valid, no key the schema does not name, keys in the schema's order. It reads the value and allocates nothing,
 * where a parse copies it (a pull page of 5,000 applications is some 150,000 objects and strings). It is only ever
 * a shortcut: a value it does not pass goes through the schema's own parse, which accepts it (dropping unknown
 * keys) or gives the error. So it may be stricter than the schema, never looser, and a schema part it does not know
 * stops the compile rather than being waved through.
 */
export type ExactMatch = (value: unknown) => boolean;

interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, Schema>;
  catchall?: Schema;
  element?: Schema;
  innerType?: Schema;
  options?: Schema[];
  entries?: Record<string, unknown>;
  values?: unknown[];
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
}
interface Schema {
  _zod: { def: Def };
}

export function exactMatch(schema: z.ZodType): ExactMatch {
  return compile(schema as unknown as Schema, '$');
}

function compile(schema: Schema, at: string): ExactMatch {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
      return withChecks((v) => typeof v === 'string', def, at, (v) => (v as string).length);
    case 'number':
      return withChecks((v) => typeof v === 'number' && Number.isFinite(v), def, at, null);
    case 'boolean':
      return only(def, at, (v) => typeof v === 'boolean');
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return only(def, at, (v) => values.has(v));
    }
    case 'literal': {
      const values = new Set(def.values ?? []);
      return only(def, at, (v) => values.has(v));
    }
    case 'nullable': {
      const inner = compile(def.innerType!, at);
      return only(def, at, (v) => v === null || inner(v));
    }
    case 'array': {
      const element = compile(def.element!, `${at}[]`);
      // A plain loop: `every` would skip the holes of a sparse array, which a parse refuses.
      const all = (v: unknown[]) => {
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
      return withChecks((v) => Array.isArray(v) && all(v), def, at, (v) => (v as unknown[]).length);
    }
    case 'union': {
      const options = (def.options ?? []).map((o, i) => compile(o, `${at}|${i}`));
      return only(def, at, (v) => {
        for (const option of options) if (option(v)) return true;
        return false;
      });
    }
    case 'object':
      return objectMatch(def, at);
    default:
      throw new Error(`exactMatch: ${at} is a zod ${def.type}, which it does not check`);
  }
}

/** An object with exactly the shape's keys, in its order; an optional key may be absent, never undefined. */
function objectMatch(def: Def, at: string): ExactMatch {
  if (def.catchall && def.catchall._zod.def.type !== 'never') throw new Error(`exactMatch: ${at} keeps unknown keys, which it does not check`);
  const fields = Object.entries(def.shape ?? {}).map(([key, field]) => {
    const optional = field._zod.def.type === 'optional';
    return { key, optional, check: compile(optional ? field._zod.def.innerType! : field, `${at}.${key}`) };
  });
  const count = fields.length;
  return only(def, at, (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
    const o = v as Record<string, unknown>;
    // One walk of the value's keys against the shape's: each key is the next field, past optional ones left out.
    let i = 0;
    for (const key in o) {
      while (i < count && fields[i]!.key !== key) if (!fields[i++]!.optional) return false;
      if (i === count || !fields[i]!.check(o[key])) return false;
      i++;
    }
    while (i < count) if (!fields[i++]!.optional) return false;
    return true;
  });
}

function only(def: Def, at: string, check: ExactMatch): ExactMatch {
  if (def.checks?.length) throw new Error(`exactMatch: ${at} has checks on a zod ${def.type}, which it does not check`);
  return check;
}

/** Length bounds (strings, arrays), patterns (strings) and integer and range bounds (numbers). */
function withChecks(base: ExactMatch, def: Def, at: string, length: ((v: unknown) => number) | null): ExactMatch {
  const checks: ExactMatch[] = (def.checks ?? []).map(({ _zod: { def: c } }) => {
    if (length && c.check === 'min_length') return (v) => length(v) >= c.minimum!;
    if (length && c.check === 'max_length') return (v) => length(v) <= c.maximum!;
    if (def.type === 'string' && c.check === 'string_format' && c.pattern instanceof RegExp) {
      const pattern = c.pattern;
      return (v) => {
        pattern.lastIndex = 0;
        return pattern.test(v as string);
      };
    }
    if (def.type === 'number' && c.check === 'number_format' && c.format === 'safeint') return (v) => Number.isSafeInteger(v);
    if (def.type === 'number' && c.check === 'greater_than') return c.inclusive ? (v) => (v as number) >= c.value! : (v) => (v as number) > c.value!;
    if (def.type === 'number' && c.check === 'less_than') return c.inclusive ? (v) => (v as number) <= c.value! : (v) => (v as number) < c.value!;
    throw new Error(`exactMatch: ${at} has a ${c.check}${c.format ? ` (${c.format})` : ''} check, which it does not check`);
  });
  if (checks.length === 0) return base;
  if (checks.length === 1) {
    const [only] = checks as [ExactMatch];
    return (v) => base(v) && only(v);
  }
  return (v) => {
    if (!base(v)) return false;
    for (const check of checks) if (!check(v)) return false;
    return true;
  };
}
