/**
 * Walks a step's `inputs` together with the literal schemas of the action table, so rules know
 * at every key and value what the action expects there. `key.$` values are visited as chained
 * values and not descended into.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { keyText, resolve } from '../ast';
import type { JSONSchema } from '../shared/jsonSchema';
import type { WorkflowActionSpec } from '../shared/knowledge';
import type { WorkflowModel, WorkflowStep } from './model';

export type InputPath = (string | number)[];

export interface InputPlace {
  step: WorkflowStep;
  /** Path below `inputs`, e.g. `['distributions', 0, 'region.$']`. */
  path: InputPath;
  /** The nearest key above, as written (`''` at the top of `inputs`). */
  key: string;
  /** Whether that key ends in `.$`. */
  chained: boolean;
  /** Literal schema of the value here, when the action defines it. */
  schema?: JSONSchema;
  /** The pair whose value this is; none for list items. */
  pair?: Pair;
}

export interface InputVisitor {
  /** Every mapping, with the object schema it should match. */
  mapping?(map: YAMLMap, place: InputPlace): void;
  /** Every key of every mapping; `place.schema` is the schema of its value. */
  pair?(pair: Pair, place: InputPlace): void;
  /** Every scalar: values, list items, items of chained lists. */
  scalar?(node: Scalar, place: InputPlace): void;
}

export const CHAINED_SUFFIX = '.$';

export function baseKey(key: string): string {
  return key.endsWith(CHAINED_SUFFIX) ? key.slice(0, -CHAINED_SUFFIX.length) : key;
}

const rootSchemas = new WeakMap<WorkflowActionSpec, JSONSchema>();

/** The `inputs` mapping of an action as one closed object schema of literal values. */
export function inputsSchema(action: WorkflowActionSpec): JSONSchema {
  let schema = rootSchemas.get(action);
  if (!schema) {
    schema = { type: 'object', properties: Object.fromEntries(action.inputs.map((i) => [i.name, i.schema])), additionalProperties: false };
    rootSchemas.set(action, schema);
  }
  return schema;
}

/** The branch of an `anyOf` or `if: {type: array}` that fits the node's shape (mapping, list or scalar). */
export function branchFor(schema: JSONSchema | undefined, node: unknown): JSONSchema | undefined {
  if (schema?.if && schema.then && schema.else) return isSeq(node) ? schema.then : schema.else;
  if (!schema?.anyOf) return schema;
  const want = isMap(node) ? 'object' : isSeq(node) ? 'array' : undefined;
  return schema.anyOf.find((b) => (want ? b.type === want : b.type !== 'object' && b.type !== 'array')) ?? undefined;
}

/** Schema of the value under `key` in an object schema. */
export function propertySchema(schema: JSONSchema | undefined, key: string): JSONSchema | undefined {
  if (!schema) return undefined;
  const property = schema.properties?.[key];
  if (property) return property;
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

export function walkInputs(model: WorkflowModel, step: WorkflowStep, visitor: InputVisitor): void {
  if (!step.inputs) return;
  const schema = step.spec ? inputsSchema(step.spec) : undefined;
  walk(model, step.inputs, { step, path: [], key: '', chained: false, schema }, visitor);
}

function walk(model: WorkflowModel, raw: unknown, place: InputPlace, visitor: InputVisitor): void {
  const node = resolve(raw, model.doc);
  const schema = branchFor(place.schema, node);
  if (isMap(node)) {
    visitor.mapping?.(node, { ...place, schema });
    for (const item of node.items) {
      const key = keyText(item as Pair);
      if (key === undefined) continue;
      const chained = key.endsWith(CHAINED_SUFFIX);
      const child: InputPlace = { step: place.step, path: [...place.path, key], key, chained, schema: propertySchema(schema, baseKey(key)), pair: item as Pair };
      visitor.pair?.(item as Pair, child);
      if (chained) chainedValue(model, (item as Pair).value, child, visitor);
      else walk(model, (item as Pair).value, child, visitor);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => walk(model, item, { ...place, path: [...place.path, index], schema: schema?.items, pair: undefined }, visitor));
  } else if (isScalar(node)) {
    visitor.scalar?.(node, { ...place, schema });
  }
}

/** A `key.$` value: a JSONPath, or a list of them; its items are visited as scalars. */
function chainedValue(model: WorkflowModel, raw: unknown, place: InputPlace, visitor: InputVisitor): void {
  const node = resolve(raw, model.doc) as Node | null | undefined;
  if (isScalar(node)) visitor.scalar?.(node, place);
  else if (isSeq(node)) {
    const items = branchFor(place.schema, node)?.items;
    node.items.forEach((item, index) => {
      const resolved = resolve(item, model.doc);
      if (isScalar(resolved)) visitor.scalar?.(resolved, { ...place, path: [...place.path, index], schema: items, pair: undefined });
    });
  }
}

/** The JSON type a value at this schema has, for matching parameter types. */
export function schemaKind(schema: JSONSchema | undefined): 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | undefined {
  const type = schema?.type;
  if (typeof type !== 'string' || type === 'null') return undefined;
  return type;
}
