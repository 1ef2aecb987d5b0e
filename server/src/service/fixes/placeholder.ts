/**
 * Placeholder values for inputs a fix adds, from the input's schema: the first allowed value,
 * `''` for text, the smallest number, one placeholder item for a list, the required keys of a
 * mapping. Written in block style (lines at an indentation) or flow style (one line).
 */
import type { JSONSchema } from '../shared/jsonSchema';
import { spaces, yamlString } from './edit';

export type Placeholder =
  | { kind: 'scalar'; text: string }
  | { kind: 'list'; items: Placeholder[] }
  | { kind: 'map'; entries: Array<[string, Placeholder]> };

const EMPTY_TEXT: Placeholder = { kind: 'scalar', text: "''" };

function firstType(schema: JSONSchema): string | undefined {
  const type = schema.type;
  if (Array.isArray(type)) return type.includes('string') ? 'string' : type[0];
  return type;
}

function literal(value: unknown): string {
  return typeof value === 'string' ? yamlString(value) : JSON.stringify(value);
}

/** The branch of `anyOf` / `oneOf` / `if-then-else` a placeholder is written for: the first. */
function branch(schema: JSONSchema): JSONSchema {
  return schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.else ?? schema;
}

export function placeholderFor(schema: JSONSchema | undefined, depth = 0): Placeholder {
  if (!schema || depth > 4) return EMPTY_TEXT;
  if (schema.enum?.length) return { kind: 'scalar', text: literal(schema.enum[0]) };
  if (schema.const !== undefined) return { kind: 'scalar', text: literal(schema.const) };
  const chosen = schema.type === undefined ? branch(schema) : schema;
  if (chosen !== schema) return placeholderFor(chosen, depth + 1);
  switch (firstType(schema)) {
    case 'integer':
    case 'number': {
      const minimum = typeof schema.minimum === 'number' ? schema.minimum : 0;
      return { kind: 'scalar', text: String(minimum === 0 && schema.not?.const === 0 ? 1 : minimum) };
    }
    case 'boolean':
      return { kind: 'scalar', text: 'false' };
    case 'array':
      return { kind: 'list', items: [placeholderFor(schema.items as JSONSchema | undefined, depth + 1)] };
    case 'object':
      return { kind: 'map', entries: (schema.required ?? []).map((key) => [key, placeholderFor(schema.properties?.[key], depth + 1)]) };
    default:
      return EMPTY_TEXT;
  }
}

/** `key: value` lines of a block mapping at `indent`. */
export function entryLines(key: string, value: Placeholder, indent: number): string[] {
  const at = spaces(indent);
  if (value.kind === 'scalar') return [`${at}${key}: ${value.text}`];
  if (value.kind === 'list' && value.items.length) return [`${at}${key}:`, ...value.items.flatMap((item) => itemLines(item, indent + 2))];
  if (value.kind === 'map' && value.entries.length) return [`${at}${key}:`, ...value.entries.flatMap(([k, v]) => entryLines(k, v, indent + 2))];
  return [`${at}${key}: ${flowText(value)}`];
}

/** `- item` lines of a block list at `indent`; a mapping item starts on the dash's line. */
export function itemLines(value: Placeholder, indent: number): string[] {
  if (value.kind === 'map' && value.entries.length) {
    const lines = value.entries.flatMap(([k, v]) => entryLines(k, v, indent + 2));
    return [`${spaces(indent)}- ${lines[0].slice(indent + 2)}`, ...lines.slice(1)];
  }
  return [`${spaces(indent)}- ${flowText(value)}`];
}

export function flowText(value: Placeholder): string {
  if (value.kind === 'scalar') return value.text;
  if (value.kind === 'list') return `[${value.items.map(flowText).join(', ')}]`;
  return value.entries.length ? `{ ${value.entries.map(([k, v]) => `${k}: ${flowText(v)}`).join(', ')} }` : '{}';
}
