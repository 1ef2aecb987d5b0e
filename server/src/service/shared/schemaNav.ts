/**
 * The schema that applies at a path of a document: follows `$ref`, picks the per-action branch
 * (`if: {properties: {action: {const}}}`) that the document's value selects, and keeps every
 * `anyOf` / `oneOf` branch that fits the value's shape. Completion and hover read keys, enums
 * and descriptions from here, so they say what validation checks.
 */
import type { JSONSchema } from './jsonSchema';

export type PathSegment = string | number;

export function schemasAt(root: JSONSchema, path: readonly PathSegment[], valueAt: (path: readonly PathSegment[]) => unknown): JSONSchema[] {
  let current = expand(root, root, valueAt([]));
  for (let i = 0; i < path.length && current.length > 0; i++) {
    const segment = path[i];
    const value = valueAt(path.slice(0, i + 1));
    const next: JSONSchema[] = [];
    for (const schema of current) {
      const child = typeof segment === 'number' ? schema.items : childSchema(schema, segment);
      if (child) next.push(...expand(root, child, value));
    }
    current = next;
  }
  return current;
}

function childSchema(schema: JSONSchema, key: string): JSONSchema | undefined {
  if (schema.properties?.[key]) return schema.properties[key];
  for (const [pattern, sub] of Object.entries(schema.patternProperties ?? {})) {
    if (safeTest(pattern, key)) return sub;
  }
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

/** Flattens a schema into the alternatives that apply to `value` (undefined: all of them). */
function expand(root: JSONSchema, schema: JSONSchema, value: unknown, depth = 0): JSONSchema[] {
  if (depth > 20) return [];
  if (schema.$ref) {
    const target = resolveRef(root, schema.$ref);
    const rest = { ...schema, $ref: undefined };
    return [...(target ? expand(root, target, value, depth + 1) : []), ...(Object.keys(rest).length > 1 ? expand(root, rest, value, depth + 1) : [])];
  }
  const out: JSONSchema[] = [schema];
  for (const part of schema.allOf ?? []) out.push(...expand(root, part, value, depth + 1));
  if (schema.if && (schema.then || schema.else)) {
    const branch = matches(schema.if, value) ? schema.then : schema.else;
    if (branch) out.push(...expand(root, branch, value, depth + 1));
  }
  for (const alternatives of [schema.anyOf, schema.oneOf]) {
    if (!alternatives) continue;
    const fitting = alternatives.filter((a) => fitsShape(root, a, value));
    for (const alternative of fitting.length ? fitting : alternatives) out.push(...expand(root, alternative, value, depth + 1));
  }
  return out;
}

function resolveRef(root: JSONSchema, ref: string): JSONSchema | undefined {
  const match = /^#\/definitions\/(.+)$/.exec(ref);
  return match ? root.definitions?.[match[1]] : undefined;
}

/** The small part of `if` the generated schemas use: `type`, `required` and `properties.*.const`. */
function matches(condition: JSONSchema, value: unknown): boolean {
  if (condition.type === 'object' && !isObject(value)) return false;
  if (condition.type === 'array' && !Array.isArray(value)) return false;
  if (!isObject(value)) return condition.type === undefined && !condition.required && !condition.properties;
  if (condition.required?.some((key) => !(key in value))) return false;
  if (condition.not?.required && condition.not.required.every((key) => key in value)) return false;
  for (const [key, sub] of Object.entries(condition.properties ?? {})) {
    if (sub.const !== undefined && key in value && value[key] !== sub.const) return false;
  }
  return true;
}

/** Whether an alternative could describe the value: same kind of node, or anything when unknown. */
function fitsShape(root: JSONSchema, schema: JSONSchema, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  const target = schema.$ref ? resolveRef(root, schema.$ref) ?? schema : schema;
  const types = typesOf(target);
  if (types.length === 0) return true;
  if (Array.isArray(value)) return types.includes('array');
  if (isObject(value)) return types.includes('object');
  return types.some((t) => t !== 'object' && t !== 'array');
}

function typesOf(schema: JSONSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties || schema.required) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

export interface PropertyInfo {
  name: string;
  schema: JSONSchema;
  required: boolean;
}

/** Keys the schemas allow at this point, with the first description found for each. */
export function propertiesOf(schemas: readonly JSONSchema[]): PropertyInfo[] {
  const found = new Map<string, PropertyInfo>();
  const required = new Set<string>();
  for (const schema of schemas) {
    for (const key of schema.required ?? []) required.add(key);
    for (const [name, sub] of Object.entries(schema.properties ?? {})) {
      const known = found.get(name);
      if (!known) found.set(name, { name, schema: sub, required: false });
      else if (!known.schema.description && sub.description) known.schema = { ...known.schema, description: sub.description };
    }
  }
  for (const info of found.values()) info.required = required.has(info.name);
  return [...found.values()];
}

/** Literal values the schemas allow: enums, consts and booleans. */
export function valuesOf(schemas: readonly JSONSchema[]): unknown[] {
  const values: unknown[] = [];
  const add = (v: unknown) => {
    if (!values.some((x) => x === v)) values.push(v);
  };
  for (const schema of schemas) {
    for (const v of schema.enum ?? []) add(v);
    if (schema.const !== undefined) add(schema.const);
    // Only a boolean place offers `true`/`false`; `string | number | boolean` is free text.
    const types = typesOf(schema);
    if (types.includes('boolean') && types.every((t) => t === 'boolean' || t === 'null') && !schema.enum) {
      add(true);
      add(false);
    }
  }
  return values;
}

export function descriptionOf(schemas: readonly JSONSchema[]): string | undefined {
  return schemas.find((s) => s.description)?.description;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}
