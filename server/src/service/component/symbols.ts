/**
 * Declarations (parameters, constants, phases, steps, loop names) and `{{ ... }}` references of
 * a component document, each part with its own range. References are read where AWSTOE
 * resolves them: a step's `inputs`, `loop` and `if`, block scalars included.
 */
import type { Node, Pair } from 'yaml';
import { findPair, getNode, nodeRange, resolve, scalarText } from '../ast';
import type { LineIndex } from '../text';
import { SymbolIndex, type Declaration, type ReferencePart, type SymbolReference } from '../symbols';
import type { ComponentModel, StepModel } from './model';
import { classify, findReferences, findUnquotedOccurrences, type Reference, type ReferenceOccurrence } from './references';

const cache = new WeakMap<ComponentModel, ComponentSymbols>();

export interface ComponentSymbols {
  index: SymbolIndex;
  /** Declarations by what they declare, for lookups. */
  variables: Map<string, Declaration>;
  phases: Map<string, Declaration>;
  /** Keyed `phase.step`. */
  steps: Map<string, Declaration>;
  /** Declaration of each step, by the model's step. */
  stepDeclarations: Map<StepModel, Declaration>;
  loops: Map<StepModel, Declaration>;
  /** Each reference with the classification the rules judge and the step it is written in. */
  uses: Array<{ reference: SymbolReference; classified: Reference; occurrence: ReferenceOccurrence; step: StepModel }>;
}

/** The symbols of a model, built once and shared by every reader of the same model. */
export function componentSymbols(model: ComponentModel): ComponentSymbols {
  let symbols = cache.get(model);
  if (!symbols) {
    symbols = build(model);
    cache.set(model, symbols);
  }
  return symbols;
}

function build(model: ComponentModel): ComponentSymbols {
  const { lines, doc } = model;
  const declarations: Declaration[] = [];
  const variables = new Map<string, Declaration>();
  const phases = new Map<string, Declaration>();
  const steps = new Map<string, Declaration>();
  const stepDeclarations = new Map<StepModel, Declaration>();
  const loops = new Map<StepModel, Declaration>();

  for (const variable of model.variables) {
    const key = variable.pair.key as Node | null;
    if (!key?.range) continue;
    const definition = variable.definition;
    const declaration = declare(lines, variable.section === 'parameters' ? 'parameter' : 'constant', variable.name, variable.name, key, variable.pair, {
      type: scalarText(getNode(definition, 'type', doc), doc),
      defaultValue: scalarText(getNode(definition, variable.section === 'constants' ? 'value' : 'default', doc), doc),
      description: scalarText(getNode(definition, 'description', doc), doc),
    });
    declarations.push(declaration);
    if (!variables.has(variable.name)) variables.set(variable.name, declaration);
  }

  for (const phase of model.phases) {
    const nameNode = resolve(phase.namePair?.value, doc);
    if (phase.name === undefined || !nameNode?.range) continue;
    const declaration = declare(lines, 'phase', phase.name, phase.name, nameNode, phase.node, {});
    declarations.push(declaration);
    if (!phases.has(phase.name)) phases.set(phase.name, declaration);
  }

  model.steps.forEach((step, stepIndex) => {
    const nameNode = resolve(step.namePair?.value, doc);
    if (step.name !== undefined && nameNode?.range) {
      const qualified = `${step.phase.name ?? '?'}.${step.name}`;
      const declaration = declare(lines, 'step', step.name, qualified, nameNode, step.node, { phase: step.phase.name, stepIndex, action: step.action });
      declarations.push(declaration);
      stepDeclarations.set(step, declaration);
      if (!steps.has(qualified)) steps.set(qualified, declaration);
    }
    const loopName = resolve(findPair(step.loop, 'name')?.value, doc);
    if (step.loopName !== undefined && loopName?.range && step.loopPair) {
      const declaration = declare(lines, 'loop', step.loopName, step.loopName, loopName, step.loopPair, { phase: step.phase.name, stepIndex });
      declarations.push(declaration);
      loops.set(step, declaration);
    }
  });

  const references: SymbolReference[] = [];
  const uses: ComponentSymbols['uses'] = [];
  const lookup = { variables, phases, steps, stepDeclarations, loops };
  model.steps.forEach((step, stepIndex) => {
    const subtrees = [step.inputs, step.loopPair?.value as Node | undefined, step.ifPair?.value as Node | undefined];
    for (const subtree of subtrees) {
      const node = resolve(subtree, doc);
      const occurrences = [...findReferences(node, model.parsed.text), ...findUnquotedOccurrences(node, model.parsed.text)];
      for (const occurrence of occurrences) {
        // A declared name is that variable even when it is not a valid name (`install.dir`).
        const classified: Reference = variables.has(occurrence.expression) ? { kind: 'variable', name: occurrence.expression } : classify(occurrence.expression);
        const reference = toReference(model, occurrence, classified, step, stepIndex, lookup);
        references.push(reference);
        uses.push({ reference, classified, occurrence, step });
      }
    }
  });
  references.sort((a, b) => a.start - b.start);
  return { index: new SymbolIndex(declarations, references), variables, phases, steps, stepDeclarations, loops, uses };
}

function declare(lines: LineIndex, kind: Declaration['kind'], name: string, qualifiedName: string, nameNode: Node, whole: Node | Pair, extra: Partial<Declaration>): Declaration {
  const [nameStart, nameEnd] = nameNode.range!;
  const wholeRange = 'key' in whole && 'value' in whole && !('items' in whole)
    ? lines.range((whole.key as Node).range?.[0] ?? nameStart, (whole.value as Node | null)?.range?.[1] ?? nameEnd)
    : nodeRange(lines, whole as Node);
  return { kind, name, qualifiedName, nameStart, nameEnd, nameRange: lines.range(nameStart, nameEnd), range: wholeRange, ...extra };
}

type Lookup = Pick<ComponentSymbols, 'variables' | 'phases' | 'steps' | 'stepDeclarations' | 'loops'>;

function toReference(model: ComponentModel, occurrence: ReferenceOccurrence, classified: Reference, step: StepModel, stepIndex: number, lookup: Lookup): SymbolReference {
  const { lines, parsed } = model;
  const inner = parsed.text.slice(occurrence.start + 2, occurrence.end - 2);
  const start = occurrence.start + 2 + (inner.length - inner.trimStart().length);
  const end = start + occurrence.expression.length;
  const part = (role: ReferencePart['role'], from: number, length: number, target?: Declaration): ReferencePart =>
    ({ role, text: occurrence.expression.slice(from, from + length), start: start + from, end: start + from + length, range: lines.range(start + from, start + from + length), target });
  const parts: ReferencePart[] = [];
  let target: Declaration | undefined;
  const expression = occurrence.expression;

  switch (classified.kind) {
    case 'variable':
      target = lookup.variables.get(classified.name);
      parts.push(part('name', 0, expression.length, target));
      break;
    case 'loop': {
      // `loop` and the step's own loop name resolve; other loops are out of scope (L29).
      const own = lookup.loops.get(step);
      if (classified.loop === 'loop' || classified.loop === step.loopName) target = own;
      else target = [...lookup.loops.values()].find((d) => d.name === classified.loop && d.stepIndex === stepIndex);
      parts.push(part('loop', 0, classified.loop.length, classified.loop === 'loop' ? undefined : target));
      parts.push(part('property', classified.loop.length + 1, classified.property.length));
      break;
    }
    case 'chaining': {
      const phase = lookup.phases.get(classified.phase);
      const targetStep = lookup.steps.get(`${classified.phase}.${classified.step}`);
      target = targetStep;
      let at = 0;
      parts.push(part('phase', at, classified.phase.length, phase));
      at += classified.phase.length + 1;
      parts.push(part('step', at, classified.step.length, targetStep));
      at += classified.step.length + 1;
      parts.push(part('section', at, classified.section.length));
      at += classified.section.length;
      if (classified.index !== undefined) {
        const written = /^\[(\d+)\]/.exec(expression.slice(at));
        if (written) {
          parts.push(part('index', at + 1, written[1].length));
          at += written[0].length;
        }
      }
      parts.push(part('key', at + 1, classified.key.length));
      break;
    }
    case 'ssm':
    case 'env':
    case 'imds':
    case 'context': {
      const colon = expression.indexOf(':', classified.kind === 'ssm' || classified.kind === 'imds' ? 4 : 0);
      parts.push(part('namespace', 0, colon));
      const restStart = colon + 1 + (expression.slice(colon + 1).length - expression.slice(colon + 1).trimStart().length);
      if (classified.kind === 'ssm' && classified.resolveArgument !== undefined) {
        const argumentAt = expression.indexOf(classified.resolveArgument, restStart);
        const variable = lookup.variables.get(classified.resolveArgument);
        if (argumentAt >= 0) parts.push(part('name', argumentAt, classified.resolveArgument.length, variable));
        target = variable;
      } else {
        parts.push(part('key', restStart, expression.length - restStart));
      }
      break;
    }
    default:
      break;
  }
  return {
    syntax: 'template',
    kind: classified.kind,
    text: expression,
    start,
    end,
    range: lines.range(start, end),
    outerStart: occurrence.start,
    outerEnd: occurrence.end,
    parts,
    target,
    fromStep: stepIndex,
  };
}
