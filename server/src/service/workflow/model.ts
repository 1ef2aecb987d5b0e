/**
 * The workflow document as the rules see it: parameters, steps and outputs with their syntax
 * nodes, built from the YAML tree so every fact keeps its source range. Tolerates any shape:
 * parts with the wrong type are simply absent (the schema reports them).
 */
import type { Document, Node, Pair, Scalar, YAMLMap } from 'yaml';
import { asMap, findPair, getNode, itemsOf, keyText, nodeRange, resolve, stringValue } from '../ast';
import type { ParsedDocument } from '../parse';
import type { WorkflowActionSpec } from '../shared/knowledge';
import type { LineIndex } from '../text';
import type { Range } from '../types';
import { WORKFLOW_ACTIONS } from './actions';

export const WORKFLOW_ACTIONS_BY_NAME: ReadonlyMap<string, WorkflowActionSpec> = new Map(WORKFLOW_ACTIONS.map((a) => [a.name, a]));

export interface WorkflowStep {
  index: number;
  node: YAMLMap;
  name?: string;
  namePair?: Pair;
  action?: string;
  actionPair?: Pair;
  spec?: WorkflowActionSpec;
  inputsPair?: Pair;
  inputs?: YAMLMap;
  ifPair?: Pair;
}

export interface WorkflowParameter {
  index: number;
  node: YAMLMap;
  name?: string;
  /** The `name` pair; for a component-style item, the `MyParam:` pair. */
  namePair?: Pair;
  /** Written `- MyParam: {type: ...}` as in component documents. */
  componentStyle: boolean;
  /** Declared type; S4: without one the parameter is a string. */
  type: string;
  typePair?: Pair;
  defaultPair?: Pair;
}

export interface WorkflowOutput {
  index: number;
  node: YAMLMap;
  name?: string;
  namePair?: Pair;
  valuePair?: Pair;
}

export interface WorkflowModel {
  parsed: ParsedDocument;
  doc: Document.Parsed;
  lines: LineIndex;
  root: YAMLMap;
  stepsPair?: Pair;
  steps: WorkflowStep[];
  /** First step of each name, for references. */
  stepByName: ReadonlyMap<string, WorkflowStep>;
  parameters: WorkflowParameter[];
  parameterByName: ReadonlyMap<string, WorkflowParameter>;
  outputs: WorkflowOutput[];
}

export function buildWorkflowModel(parsed: ParsedDocument): WorkflowModel | undefined {
  const doc = parsed.yaml;
  const root = asMap(doc?.contents, doc);
  if (!doc || !root) return undefined;

  const steps = mappings(getNode(root, 'steps', doc), doc).map(({ node, index }) => buildStep(node, index, doc));
  const stepByName = new Map<string, WorkflowStep>();
  for (const step of steps) if (step.name !== undefined && !stepByName.has(step.name)) stepByName.set(step.name, step);

  const parameters = mappings(getNode(root, 'parameters', doc), doc).map(({ node, index }) => buildParameter(node, index, doc));
  const parameterByName = new Map<string, WorkflowParameter>();
  for (const parameter of parameters) if (parameter.name !== undefined && !parameterByName.has(parameter.name)) parameterByName.set(parameter.name, parameter);

  const outputs = mappings(getNode(root, 'outputs', doc), doc).map(({ node, index }): WorkflowOutput => {
    const namePair = findPair(node, 'name');
    return { index, node, name: stringValue(namePair?.value, doc), namePair, valuePair: findPair(node, 'value') };
  });

  return { parsed, doc, lines: parsed.lines, root, stepsPair: findPair(root, 'steps'), steps, stepByName, parameters, parameterByName, outputs };
}

function mappings(list: unknown, doc: Document): { node: YAMLMap; index: number }[] {
  const out: { node: YAMLMap; index: number }[] = [];
  itemsOf(list, doc).forEach((item, index) => {
    const node = asMap(item, doc);
    if (node) out.push({ node, index });
  });
  return out;
}

function buildParameter(node: YAMLMap, index: number, doc: Document): WorkflowParameter {
  const namePair = findPair(node, 'name');
  // `- MyParam: {type: ...}` as in component documents: reported by a rule, but still declared,
  // so references to it do not fail as well.
  const only = node.items.length === 1 ? node.items[0] : undefined;
  const inner = !namePair && only ? asMap(only.value, doc) : undefined;
  const settings = inner ?? node;
  const typePair = findPair(settings, 'type');
  return {
    index,
    node,
    name: inner ? keyText(only!) : stringValue(namePair?.value, doc),
    namePair: inner ? only : namePair,
    componentStyle: !!inner,
    type: stringValue(typePair?.value, doc) ?? 'string',
    typePair,
    defaultPair: findPair(settings, 'default'),
  };
}

function buildStep(node: YAMLMap, index: number, doc: Document): WorkflowStep {
  const namePair = findPair(node, 'name');
  const actionPair = findPair(node, 'action');
  const action = stringValue(actionPair?.value, doc);
  const inputsPair = findPair(node, 'inputs');
  return {
    index,
    node,
    name: stringValue(namePair?.value, doc),
    namePair,
    action,
    actionPair,
    spec: action ? WORKFLOW_ACTIONS_BY_NAME.get(action) : undefined,
    inputsPair,
    inputs: asMap(inputsPair?.value, doc),
    ifPair: findPair(node, 'if'),
  };
}

/** How a step is named in messages: `Name` (step 3), or step 3 when it has no name. */
export function stepLabel(step: WorkflowStep): string {
  return step.name !== undefined ? `\`${step.name}\`` : `step ${step.index + 1}`;
}

/** The value node of a pair, aliases followed. */
export function pairValue(model: WorkflowModel, pair: Pair | undefined): Node | null | undefined {
  return resolve(pair?.value, model.doc);
}

/**
 * Range of `needle` inside a scalar's source text (e.g. a JSONPath without its quotes), or the
 * whole scalar when the source spells it differently (escapes, folding).
 */
export function rangeWithin(model: WorkflowModel, node: Scalar | Node, needle: string, from = 0): Range {
  const range = node.range;
  if (!range) return nodeRange(model.lines, node);
  const source = model.parsed.text.slice(range[0], range[1]);
  const at = needle ? source.indexOf(needle, from) : -1;
  if (at < 0) return nodeRange(model.lines, node);
  return model.lines.range(range[0] + at, range[0] + at + needle.length);
}
