/**
 * missing-input: adds every required input the mapping lacks, each with a placeholder value,
 * in the action's shape (a mapping, or an item of the list) at the mapping's own indentation.
 * A step without `inputs` gets the whole `inputs:` block under its `action`. In workflows an
 * input that an earlier step produces as an output (`instanceId`) is chained to it instead.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { findPair, keyText, resolve } from '../ast';
import { closest } from '../shared/suggest';
import type { ComponentActionSpec, InputSpec, WorkflowActionSpec } from '../shared/knowledge';
import type { JSONSchema } from '../shared/jsonSchema';
import { baseKey, branchFor, propertySchema } from '../workflow/inputs';
import type { WorkflowStep } from '../workflow/model';
import {
  columnOf, eolOf, hasKey, insert, lineEndAt, replace, spaces, stepAt, type Fix, type FixContext, type FixProvider,
} from './edit';
import { entryLines, flowText, itemLines, placeholderFor, type Placeholder } from './placeholder';

type Entry = [string, Placeholder];

function objectSchema(inputs: InputSpec[]): JSONSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(inputs.map((i) => [i.name, i.schema])),
    required: inputs.filter((i) => i.required).map((i) => i.name),
  };
}

export const addMissingInputs: FixProvider<'missing-input'> = (data, context) => {
  const { analysis } = context;
  const located = stepAt(analysis, context.start);
  const spec = located?.step.spec as ComponentActionSpec | WorkflowActionSpec | undefined;
  if (!located || !spec || spec.name !== data.action) return [];
  const shape = 'inputsShape' in spec ? spec.inputsShape : 'object';
  if (shape === 'condition') return [];
  const item = objectSchema(spec.inputs);
  const doc = analysis.parsed.yaml;
  const inputsPair = located.step.inputsPair;

  // Walk `path` down from `inputs` to the mapping that lacks the keys, with its schema.
  let node: Node | null | undefined = resolve(inputsPair?.value, doc);
  let schema: JSONSchema | undefined = shape === 'list' ? { type: 'array', items: item } : item;
  for (const segment of data.where === 'inputs' ? data.path : []) {
    schema = branchFor(schema, node);
    if (typeof segment === 'number') {
      node = isSeq(node) ? resolve(node.items[segment], doc) : undefined;
      schema = schema?.items;
    } else {
      node = isMap(node) ? resolve(findPair(node, segment)?.value, doc) : undefined;
      schema = propertySchema(schema, segment);
    }
    if (!node) return [];
  }
  schema = branchFor(schema, node);
  const target = isMap(node) ? node : undefined;
  const mappingSchema = node === undefined || node === null || isEmptyScalar(node) ? (shape === 'list' ? item : schema) : schema;
  // `key` and `key.$` name the same input (workflows).
  const keys = [...(mappingSchema?.required ?? []), ...data.missing]
    .map(baseKey)
    .filter((key, index, all) => all.indexOf(key) === index)
    .filter((key) => key !== 'inputs' && !(target && (hasKey(target, key) || hasKey(target, `${key}.$`))));
  if (!keys.length) return [];
  const atTop = data.where === 'step' || data.path.length === 0 || (shape === 'list' && data.path.length === 1);
  const entries: Entry[] = keys.map((key) => entryFor(key, mappingSchema, atTop ? located.step : undefined, context));
  const title = `Add the missing input${keys.length > 1 ? 's' : ''} ${keys.map((k) => `\`${k}\``).join(', ')}`;
  const eol = eolOf(analysis);
  // `comands:` beside a missing `commands`: renaming the typo (unknown-input) is the obvious fix, not this one.
  const typo = target?.items.some((pair) => {
    const written = isPair(pair) ? keyText(pair) : undefined;
    const known = written !== undefined && Object.prototype.hasOwnProperty.call(mappingSchema?.properties ?? {}, baseKey(written));
    return written !== undefined && !known && closest(baseKey(written), keys) !== undefined;
  });
  const fix = (edit: TextEdit): Fix => ({ title, edits: [edit], isPreferred: !typo });

  if (data.where === 'step') {
    const actionValue = located.step.actionPair?.value as Node | null | undefined;
    if (inputsPair || !actionValue?.range) return [];
    const indent = located.keyColumn;
    const lines = [`${spaces(indent)}inputs:`, ...block(entries, indent + 2, shape === 'list')];
    return [fix(insert(analysis, lineEndAt(analysis, actionValue.range[1]), eol + lines.join(eol)))];
  }

  if (target && target.items.length) {
    const first = target.items[0].key as Node | null;
    if (!first?.range) return [];
    const at = first.range[0];
    if (target.flow) return [fix(insert(analysis, at, entries.map(([k, v]) => `${k}: ${flowText(v)}, `).join('')))];
    const column = columnOf(analysis, at);
    const lines = entries.flatMap(([k, v]) => entryLines(k, v, column));
    return [fix(insert(analysis, at, lines.join(eol).slice(column) + eol + spaces(column)))];
  }

  // `inputs:` with nothing (or `{}` / `[]`) after it: only at the top of `inputs`.
  if (data.path.length || !inputsPair) return [];
  const value = inputsPair.value as Node | null;
  const key = inputsPair.key as Node | null;
  if (!key?.range) return [];
  if ((isMap(value) || isSeq(value)) && value.flow && value.items.length === 0 && value.range) {
    const mapping = `{ ${entries.map(([k, v]) => `${k}: ${flowText(v)}`).join(', ')} }`;
    return [fix(replace(analysis, value.range[0], value.range[1], shape === 'list' ? `[${mapping}]` : mapping))];
  }
  if (value && !isEmptyScalar(value)) return [];
  const indent = columnOf(analysis, key.range[0]) + 2;
  return [fix(insert(analysis, lineEndAt(analysis, key.range[1]), eol + block(entries, indent, shape === 'list').join(eol)))];
};

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && (!node.range || node.range[0] === node.range[1]);
}

/** The entries as a block mapping, or as the one item of a block list. */
function block(entries: Entry[], indent: number, asListItem: boolean): string[] {
  return asListItem ? itemLines({ kind: 'map', entries }, indent) : entries.flatMap(([k, v]) => entryLines(k, v, indent));
}

/**
 * A placeholder, or in a workflow the output of that name of the latest earlier step that
 * produces one (`instanceId.$: $.stepOutputs.Launch.instanceId`).
 */
function entryFor(key: string, schema: JSONSchema | undefined, step: unknown, context: FixContext): Entry {
  const workflow = context.analysis.workflow;
  if (workflow && step) {
    const own = step as WorkflowStep;
    const source = workflow.steps
      .filter((s) => s.index < own.index && s.name !== undefined && /^[A-Za-z0-9_-]+$/.test(s.name) && s.spec?.outputs.some((o) => o.name === key))
      .at(-1);
    if (source) return [`${key}.$`, { kind: 'scalar', text: `$.stepOutputs.${source.name}.${key}` }];
    // Inputs such as `distributedImages` are accepted only in chained form.
    if (own.spec?.chainedOnly?.includes(key)) return [`${key}.$`, { kind: 'scalar', text: "''" }];
  }
  return [key, placeholderFor(propertySchema(schema, key))];
}
