import fc from 'fast-check';
import { z } from 'zod';

/**
 * Malformed payloads for a contract input schema, built from what the schema
 * says each field is, never by asking the schema whether a payload passes: a
 * payload here is wrong by construction (a field of the wrong JSON type, a
 * number out of range, an unknown key, a value nested where none belongs), so
 * a schema that lets one through is a finding, not a quirk of the generator.
 */

type Kind = 'undefined' | 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object';
const ALL_KINDS: readonly Kind[] = ['undefined', 'null', 'string', 'number', 'boolean', 'array', 'object'];

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  values?: unknown[];
  entries?: Record<string, unknown>;
  element?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The JSON kinds a schema can accept at all (an over-estimate is safe: it only means fewer wrong values). */
export function kindsOf(schema: z.ZodType): Set<Kind> {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
      return new Set<Kind>(['undefined', ...kindsOf(def.innerType!)]);
    case 'nullable':
      return new Set<Kind>(['null', ...kindsOf(def.innerType!)]);
    case 'default':
    case 'prefault':
      return new Set<Kind>(['undefined', ...kindsOf(def.innerType!)]);
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return kindsOf(def.innerType!);
    case 'pipe':
      return kindsOf(def.in!);
    case 'union':
      return new Set(def.options!.flatMap((option) => [...kindsOf(option)]));
    case 'string':
    case 'template_literal':
      return new Set(['string']);
    case 'number':
    case 'bigint':
      return new Set(['number']);
    case 'boolean':
      return new Set(['boolean']);
    case 'array':
    case 'tuple':
    case 'set':
      return new Set(['array']);
    case 'object':
    case 'record':
    case 'map':
      return new Set(['object']);
    case 'null':
      return new Set(['null']);
    case 'undefined':
    case 'void':
      return new Set(['undefined']);
    case 'enum':
    case 'literal': {
      const values = def.values ?? Object.values(def.entries ?? {});
      return new Set(values.map((value) => (value === null ? 'null' : value === undefined ? 'undefined' : (typeof value as Kind))));
    }
    default:
      // any, unknown, lazy, custom ...: anything may pass.
      return new Set(ALL_KINDS);
  }
}

/** The object schema under optional/default/prefault wrappers, or null when the input is not an object. */
export function objectOf(schema: z.ZodType): { shape: Record<string, z.ZodType>; strict: boolean } | null {
  const def = defOf(schema);
  if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional'].includes(def.type)) return objectOf(def.innerType!);
  if (def.type === 'pipe') return objectOf(def.in!);
  if (def.type === 'union') {
    // A union of objects: a key is wrong when it is wrong for every option that has it.
    const options = def.options!.map(objectOf);
    if (options.some((option) => option === null)) return null;
    const fields = new Map<string, z.ZodType[]>();
    for (const option of options) for (const [key, field] of Object.entries(option!.shape)) fields.set(key, [...(fields.get(key) ?? []), field]);
    const shape = Object.fromEntries([...fields].map(([key, list]) => [key, list.length === 1 ? list[0]! : z.union(list as [z.ZodType, z.ZodType])]));
    return { shape, strict: options.every((option) => option!.strict) };
  }
  if (def.type !== 'object') return null;
  return { shape: def.shape ?? {}, strict: def.catchall !== undefined && defOf(def.catchall).type === 'never' };
}

/** The bounds of a number schema (under its wrappers), as zod keeps them. */
function numberBounds(schema: z.ZodType): { integer: boolean; min: number; max: number } | null {
  const def = defOf(schema);
  if (['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(def.type)) return numberBounds(def.innerType!);
  if (def.type !== 'number') return null;
  const number = schema as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean; format?: string | null };
  return { integer: Boolean(number.isInt) || number.format === 'safeint', min: number.minValue ?? -Infinity, max: number.maxValue ?? Infinity };
}

/** The enum or literal values of a schema (under its wrappers), or null. */
function enumValues(schema: z.ZodType): unknown[] | null {
  const def = defOf(schema);
  if (['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(def.type)) return enumValues(def.innerType!);
  if (def.type === 'enum') return Object.values(def.entries ?? {});
  if (def.type === 'literal') return def.values ?? null;
  return null;
}

function maxLength(schema: z.ZodType): number | null {
  const def = defOf(schema);
  if (['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(def.type)) return maxLength(def.innerType!);
  if (def.type === 'pipe') return maxLength(def.in!);
  if (def.type !== 'string') return null;
  return (schema as unknown as { maxLength: number | null }).maxLength ?? null;
}

/** An array nested `depth` deep, built without recursion so no stack is at risk here. */
export function deepArray(depth: number): unknown[] {
  let value: unknown[] = [];
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

/** An object nested `depth` deep under one key. */
export function deepObject(depth: number, key = 'a'): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < depth; i += 1) value = { [key]: value };
  return value;
}

/** Text a naive check would trip on: control characters, bidi overrides, non-Latin scripts, emoji, lone surrogates. */
export const hostileText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 20 }),
  fc.constantFrom('\u202Eevil\u202C', 'Ω≈ç√∫', '名前', 'اسم', 'имя', '\uD800', '🦄\u200D🔥', '\u0000', '\r\n=cmd|calc', "'; DROP TABLE accounts;--", '%_\\'),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

const HUGE = 'x'.repeat(1_100_000);

/** Values of every JSON kind, several of them hostile in size or shape. */
function valuesOfKind(kind: Kind): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'undefined':
      return fc.constant(undefined);
    case 'null':
      return fc.constant(null);
    case 'string':
      return fc.oneof(hostileText, fc.constant(HUGE), fc.constant('１２'), fc.constant(''));
    case 'number':
      return fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -0, 2 ** 53 + 2, 1.5));
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.oneof(fc.array(fc.anything(), { maxLength: 5 }), fc.integer({ min: 100, max: 3000 }).map(deepArray));
    case 'object':
      return fc.oneof(
        fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
        fc.constant({ constructor: { prototype: { polluted: true } } }),
        fc.integer({ min: 100, max: 3000 }).map((depth) => deepObject(depth)),
        fc.dictionary(hostileText, fc.anything(), { maxKeys: 3 }),
      );
  }
}

/** Values a field can never accept: of a JSON kind it does not take, out of its range, past its length, outside its enum. */
export function wrongValuesFor(schema: z.ZodType): fc.Arbitrary<unknown> | null {
  const kinds = kindsOf(schema);
  const options: fc.Arbitrary<unknown>[] = ALL_KINDS.filter((kind) => !kinds.has(kind) && kind !== 'undefined').map(valuesOfKind);
  const bounds = numberBounds(schema);
  if (bounds && kinds.size <= 3) {
    const out = [NaN, Infinity, -Infinity];
    if (bounds.integer) out.push(1.5, 2 ** 53 + 2, -(2 ** 53) - 2);
    if (Number.isFinite(bounds.min)) out.push(bounds.min - 1, bounds.min - 1e9);
    if (Number.isFinite(bounds.max)) out.push(bounds.max + 1, 1e308);
    options.push(fc.constantFrom(...out));
  }
  const values = enumValues(schema);
  if (values && values.every((value) => typeof value === 'string')) {
    options.push(hostileText.filter((text) => !values.includes(text)));
    options.push(fc.constantFrom(...values.map((value) => `${String(value)}\u0000`), ...values.map((value) => String(value).toUpperCase() + 'Ｘ')));
  }
  const max = maxLength(schema);
  if (max !== null && max < HUGE.length) options.push(fc.constant(HUGE));
  return options.length > 0 ? fc.oneof(...options) : null;
}

/** Keys no input has, several chosen to pollute prototypes or trip naive code. */
const strangeKeys = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'x'.repeat(10_000), '', ' ', 'ID', 'Name'),
  hostileText,
);

/** An object with an own key, even __proto__ (a literal would set the prototype instead). */
function withKey(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const object = { ...base };
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/**
 * Payloads a channel's input schema must refuse: the whole payload of the
 * wrong kind; one field of the wrong kind or range with the others left out;
 * an unknown key (prototype-polluting ones included) beside fields of any value.
 */
export function malformedPayloads(input: z.ZodType): fc.Arbitrary<unknown> {
  const families: fc.Arbitrary<unknown>[] = [];
  const topWrong = wrongValuesFor(input);
  if (topWrong) families.push(topWrong);

  const object = objectOf(input);
  if (object) {
    const fieldWrongs = Object.entries(object.shape)
      .map(([key, field]) => [key, wrongValuesFor(field)] as const)
      .filter((entry): entry is readonly [string, fc.Arbitrary<unknown>] => entry[1] !== null);
    for (const [key, wrong] of fieldWrongs) {
      families.push(wrong.map((value) => withKey({}, key, value)));
    }
    if (object.strict) {
      const known = new Set(Object.keys(object.shape));
      families.push(
        fc
          .tuple(strangeKeys.filter((key) => !known.has(key)), fc.oneof(fc.anything(), valuesOfKind('object')))
          .map(([key, value]) => withKey({}, key, value)),
      );
    }
  }
  return fc.oneof(...families);
}
