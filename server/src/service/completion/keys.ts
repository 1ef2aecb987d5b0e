/**
 * Keys of the mapping at the cursor, from the schema that applies there: document, parameter,
 * phase, step, loop, `if`, and the inputs of the step's action (with the `.$` form of workflow
 * inputs). Keys already present are not offered; required keys come first.
 */
import type { PathSegment } from '../cursor';
import type { JSONSchema } from '../shared/jsonSchema';
import { propertiesOf, schemasAt, valuesOf, type PropertyInfo } from '../shared/schemaNav';
import { inputSpec, inputsPlaceOf, isWorkflowAction } from './inputs';
import { CompletionItemKind, SnippetBuilder, typesOf, yamlScalar, type CompletionRequest, type ItemList } from './items';

type ValueShape = 'scalar' | 'mapping' | 'list';

export function completeKeys(request: CompletionRequest, list: ItemList, path: readonly PathSegment[]): void {
  const { root, cursor, analysis } = request;
  if (!root) return;
  const schemas = fitSiblings(schemasAt(root, path, request.valueAt), cursor.siblings);
  const properties = propertiesOf(schemas);
  if (properties.length === 0) return;
  const required = requiredKeys(schemas);
  const companions = sharedByAlternatives(schemas);
  const place = inputsPlaceOf(request, path);
  const present = new Set(cursor.siblings.map(plainKey));
  // `key:` already written after the word: replace the name only.
  const textAfter = analysis.text.slice(cursor.replaceEnd, cursor.replaceEnd + 1);
  const colonFollows = textAfter === ':';

  for (const property of properties) {
    if (present.has(plainKey(property.name))) continue;
    const spec = place ? inputSpec(place.action, property.name) : undefined;
    const chained = property.name.endsWith('.$');
    const isRequired = required.has(property.name) || !!spec?.required;
    const notHere = !!spec && !!place && !isWorkflowAction(place.action) && analysis.platform === 'Windows' && !!place.action.notOnWindows?.includes(spec.name);
    const valueSchemas = schemasAt(root, [...path, property.name], request.valueAt);
    const shape = valueShape(valueSchemas, property.name === 'inputs');
    const defaultValue = spec?.default ?? property.schema.default;
    const hasValues = valuesOf(valueSchemas).length > 0 || (property.name === 'action' && isStepPath(path));
    list.add(property.name, colonFollows ? property.name : keyInsertText(property.name, shape, cursor.column), {
      kind: CompletionItemKind.Property,
      group: notHere ? 8 : isRequired ? 1 : companions.has(property.name) ? 4 : 3,
      detail: [isRequired ? 'required' : undefined, chained ? 'JSONPath' : typeSummary(valueSchemas, shape), defaultValue !== undefined ? `default ${yamlScalar(defaultValue)}` : undefined, notHere ? 'not on Windows' : undefined]
        .filter(Boolean).join(' · ') || undefined,
      documentation: keyDocumentation(property, spec?.description, isRequired, defaultValue, chained),
      snippet: !colonFollows && shape !== 'scalar',
      retrigger: !colonFollows && (chained || (shape === 'scalar' && hasValues)),
    });
  }
}

/** `key.$` and `key` are one input: either form present rules out both. */
function plainKey(key: string): string {
  return key.endsWith('.$') ? key.slice(0, -2) : key;
}

function isStepPath(path: readonly PathSegment[]): boolean {
  const n = path.length;
  return n >= 2 && path[n - 2] === 'steps' && typeof path[n - 1] === 'number';
}

/**
 * Keeps the alternatives (`oneOf` branches with a closed set of keys) that can hold the keys
 * already written: after `stringEquals:` only its companions remain.
 */
export function fitSiblings(schemas: JSONSchema[], siblings: readonly string[]): JSONSchema[] {
  if (siblings.length === 0) return schemas;
  const closed = (s: JSONSchema) => s.additionalProperties === false && !!s.properties;
  const fits = (s: JSONSchema) => !closed(s) || siblings.every((k) => k in s.properties! || Object.keys(s.patternProperties ?? {}).some((p) => safeTest(p, k)));
  const kept = schemas.filter(fits);
  return kept.some(closed) ? kept : schemas;
}

/**
 * Keys the document must have here. When several closed alternatives remain (the operators of
 * a condition), a key is required only if every alternative requires it.
 */
function requiredKeys(schemas: JSONSchema[]): Set<string> {
  const closed = schemas.filter((s) => s.additionalProperties === false && s.properties);
  if (closed.length > 1) {
    const [first, ...rest] = closed;
    return new Set((first.required ?? []).filter((k) => rest.every((s) => s.required?.includes(k))));
  }
  return new Set(schemas.flatMap((s) => s.required ?? []));
}

/**
 * Keys several closed alternatives share (`value`, `then`) when no key picks one yet: they
 * complete an operator, so they come after the operators.
 */
function sharedByAlternatives(schemas: JSONSchema[]): Set<string> {
  const closed = schemas.filter((s) => s.additionalProperties === false && s.properties);
  const shared = new Set<string>();
  if (closed.length < 2) return shared;
  const seen = new Set<string>();
  for (const schema of closed) {
    for (const key of Object.keys(schema.properties!)) {
      if (seen.has(key)) shared.add(key);
      seen.add(key);
    }
  }
  return shared;
}

/** Whether the value of a key is written on its own lines: a mapping or a list. */
function valueShape(schemas: JSONSchema[], blockByDefault: boolean): ValueShape {
  for (const schema of schemas) {
    const types = typesOf(schema);
    if (types.length === 0) continue;
    if (types.some((t) => t !== 'object' && t !== 'array')) return 'scalar';
    return types[0] === 'array' ? 'list' : 'mapping';
  }
  return blockByDefault ? 'mapping' : 'scalar';
}

/** What the value is, in a word: `Abort | Continue | Ignore`, `boolean`, `list`, `string`. */
function typeSummary(schemas: JSONSchema[], shape: ValueShape): string | undefined {
  const values = valuesOf(schemas);
  if (values.length > 0 && values.length <= 4 && !values.every((v) => typeof v === 'boolean')) return values.map((v) => String(v)).join(' | ');
  if (shape !== 'scalar') return shape;
  const types = schemas.map(typesOf).find((t) => t.length > 0);
  if (!types) return undefined;
  return types.includes('string') ? 'string' : types.join(' | ');
}

/** `key: `, or the key with its value's first line indented below it. */
function keyInsertText(key: string, shape: ValueShape, column: number): string {
  const name = /^[\w$.-]+$/.test(key) ? key : yamlScalar(key);
  const indent = ' '.repeat(column + 2);
  if (shape === 'mapping') return new SnippetBuilder().literal(`${name}:\n${indent}`).final().toString();
  if (shape === 'list') return new SnippetBuilder().literal(`${name}:\n${indent}- `).final().toString();
  return `${name}: `;
}

function keyDocumentation(property: PropertyInfo, specDescription: string | undefined, required: boolean, defaultValue: unknown, chained: boolean): string | undefined {
  const parts: string[] = [];
  const description = chained ? property.schema.description : specDescription ?? property.schema.description;
  if (description) parts.push(description);
  const facts: string[] = [];
  if (required) facts.push(chained ? 'Required (this form or the plain key).' : 'Required.');
  if (defaultValue !== undefined) facts.push(`Default: \`${yamlScalar(defaultValue)}\`.`);
  if (facts.length) parts.push(facts.join(' '));
  return parts.length ? parts.join('\n\n') : undefined;
}

function safeTest(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return false;
  }
}
