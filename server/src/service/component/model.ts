/**
 * The component document as the rules see it: phases, steps and variables with their syntax
 * nodes, built from the YAML tree so every fact keeps its source range. Tolerates any shape:
 * parts with the wrong type are simply absent (the schema reports them).
 */
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { asMap, findPair, getNode, itemsOf, keyText, pairsOf, resolve, stringValue } from '../ast';
import type { ParsedDocument } from '../parse';
import type { ComponentActionSpec } from '../shared/knowledge';
import type { LineIndex } from '../text';
import { COMPONENT_ACTIONS } from './actions';

export const ACTIONS_BY_NAME: ReadonlyMap<string, ComponentActionSpec> = new Map(COMPONENT_ACTIONS.map((a) => [a.name, a]));

/** Phases Image Builder runs in its build stage and in its test stage (spec 3). */
export const BUILD_STAGE_PHASES = new Set(['build', 'validate']);
export const TEST_STAGE_PHASES = new Set(['test', 'container-host-test']);
export const RUNNABLE_PHASES = ['build', 'validate', 'test'];

export interface StepModel {
  index: number;
  phase: PhaseModel;
  node: YAMLMap;
  name?: string;
  namePair?: Pair;
  action?: string;
  actionPair?: Pair;
  spec?: ComponentActionSpec;
  inputsPair?: Pair;
  inputs: Node | null | undefined;
  loopPair?: Pair;
  loop?: YAMLMap;
  /** The loop's `name`, when it has one. */
  loopName?: string;
  ifPair?: Pair;
}

export interface PhaseModel {
  index: number;
  node: YAMLMap;
  name?: string;
  namePair?: Pair;
  steps: StepModel[];
}

export interface VariableModel {
  name: string;
  section: 'parameters' | 'constants';
  /** The `- Name:` pair: its key is the name, its value the definition. */
  pair: Pair;
  definition?: YAMLMap;
}

export interface ComponentModel {
  parsed: ParsedDocument;
  doc: Document.Parsed;
  lines: LineIndex;
  root: YAMLMap;
  phases: PhaseModel[];
  variables: VariableModel[];
  /** Every step in document order (phase order, then step order). */
  steps: StepModel[];
}

export function buildComponentModel(parsed: ParsedDocument): ComponentModel | undefined {
  const doc = parsed.yaml;
  const root = asMap(doc?.contents, doc);
  if (!doc || !root) return undefined;
  const phases: PhaseModel[] = [];
  const steps: StepModel[] = [];
  itemsOf(getNode(root, 'phases', doc), doc).forEach((phaseNode, phaseIndex) => {
    const phaseMap = asMap(phaseNode, doc);
    if (!phaseMap) return;
    const namePair = findPair(phaseMap, 'name');
    const phase: PhaseModel = { index: phaseIndex, node: phaseMap, name: stringValue(namePair?.value, doc), namePair, steps: [] };
    phases.push(phase);
    itemsOf(getNode(phaseMap, 'steps', doc), doc).forEach((stepNode, stepIndex) => {
      const stepMap = asMap(stepNode, doc);
      if (!stepMap) return;
      const step = buildStep(stepMap, stepIndex, phase, doc);
      phase.steps.push(step);
      steps.push(step);
    });
  });
  return { parsed, doc, lines: parsed.lines, root, phases, steps, variables: readVariables(root, doc) };
}

function buildStep(node: YAMLMap, index: number, phase: PhaseModel, doc: Document): StepModel {
  const namePair = findPair(node, 'name');
  const actionPair = findPair(node, 'action');
  const action = stringValue(actionPair?.value, doc);
  const inputsPair = findPair(node, 'inputs');
  const loopPair = findPair(node, 'loop');
  const loop = asMap(loopPair?.value, doc);
  return {
    index,
    phase,
    node,
    name: stringValue(namePair?.value, doc),
    namePair,
    action,
    actionPair,
    spec: action ? ACTIONS_BY_NAME.get(action) : undefined,
    inputsPair,
    inputs: resolve(inputsPair?.value, doc),
    loopPair,
    loop,
    loopName: loop ? stringValue(getNode(loop, 'name', doc), doc) : undefined,
    ifPair: findPair(node, 'if'),
  };
}

function readVariables(root: YAMLMap, doc: Document): VariableModel[] {
  const variables: VariableModel[] = [];
  for (const section of ['parameters', 'constants'] as const) {
    for (const item of itemsOf(getNode(root, section, doc), doc)) {
      // An item declares one variable. Several definitions in one item are a shape error the
      // schema reports, but their names are still declared, so references are not flagged too;
      // workflow-style items (`- name: X` beside `type:`) declare nothing.
      const pairs = pairsOf(item, doc);
      for (const pair of pairs.length === 1 ? pairs : pairs.filter((p) => asMap(p.value, doc))) {
        const name = keyText(pair);
        if (name === undefined) continue;
        variables.push({ name, section, pair, definition: asMap(pair.value, doc) });
      }
    }
  }
  return variables;
}

/** The input mappings of a step: the mapping itself, or each item of a list. */
export function inputItems(step: StepModel, doc: Document): YAMLMap[] {
  const single = asMap(step.inputs, doc);
  if (single) return [single];
  return itemsOf(step.inputs, doc).map((item) => asMap(item, doc)).filter((m): m is YAMLMap => !!m);
}
