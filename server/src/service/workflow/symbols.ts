/**
 * Declarations (parameters, steps, document outputs) and JSONPath references of a workflow
 * document (`$.parameters.x`, `$.stepOutputs.Step.output`, `$.imagebuilder.x`,
 * `$.workflowOutputs.x`, `distributedImages.$`, `{{ $... }}` inside text), each part with its
 * own range.
 */
import { isScalar, type Node } from 'yaml';
import { asMap, findPair, nodeRange, resolve, scalarText } from '../ast';
import type { LineIndex } from '../text';
import { SymbolIndex, type Declaration, type ReferenceKind, type ReferencePart, type SymbolReference } from '../symbols';
import { locateSegments } from './jsonpath';
import { rangeWithin, type WorkflowModel, type WorkflowStep } from './model';
import { collectReferences, type ReferenceUse } from './references';

const cache = new WeakMap<WorkflowModel, WorkflowSymbols>();

export interface WorkflowSymbols {
  index: SymbolIndex;
  parameters: Map<string, Declaration>;
  steps: Map<string, Declaration>;
  stepDeclarations: Map<WorkflowStep, Declaration>;
  outputs: Map<string, Declaration>;
}

/** The symbols of a model, built once and shared by every reader of the same model. */
export function workflowSymbols(model: WorkflowModel): WorkflowSymbols {
  let symbols = cache.get(model);
  if (!symbols) {
    symbols = build(model);
    cache.set(model, symbols);
  }
  return symbols;
}

function build(model: WorkflowModel): WorkflowSymbols {
  const { lines, doc } = model;
  const declarations: Declaration[] = [];
  const parameters = new Map<string, Declaration>();
  const steps = new Map<string, Declaration>();
  const stepDeclarations = new Map<WorkflowStep, Declaration>();
  const outputs = new Map<string, Declaration>();

  for (const parameter of model.parameters) {
    // `- name: x` names with its value; the component-style `- x: {...}` with its key.
    const nameNode = parameter.componentStyle ? (parameter.namePair?.key as Node | null) : resolve(parameter.namePair?.value, doc);
    if (parameter.name === undefined || !nameNode?.range) continue;
    const settings = parameter.componentStyle ? asMap(parameter.namePair?.value, doc) : parameter.node;
    const declaration = declare(lines, 'parameter', parameter.name, nameNode, parameter.node, {
      type: parameter.type,
      defaultValue: scalarText(resolve(parameter.defaultPair?.value, doc), doc),
      description: scalarText(resolve(findPair(settings, 'description')?.value, doc), doc),
    });
    declarations.push(declaration);
    if (!parameters.has(parameter.name)) parameters.set(parameter.name, declaration);
  }
  for (const step of model.steps) {
    const nameNode = resolve(step.namePair?.value, doc);
    if (step.name === undefined || !nameNode?.range) continue;
    const declaration = declare(lines, 'step', step.name, nameNode, step.node, { stepIndex: step.index, action: step.action });
    declarations.push(declaration);
    stepDeclarations.set(step, declaration);
    if (!steps.has(step.name)) steps.set(step.name, declaration);
  }
  for (const output of model.outputs) {
    const nameNode = resolve(output.namePair?.value, doc);
    if (output.name === undefined || !nameNode?.range) continue;
    const declaration = declare(lines, 'output', output.name, nameNode, output.node, {});
    declarations.push(declaration);
    if (!outputs.has(output.name)) outputs.set(output.name, declaration);
  }

  const references: SymbolReference[] = [];
  for (const use of [...collectReferences(model), ...distributedImagesUses(model)]) {
    const reference = toReference(model, use, parameters, steps);
    if (reference) references.push(reference);
  }
  references.sort((a, b) => a.start - b.start);
  return { index: new SymbolIndex(declarations, references), parameters, steps, stepDeclarations, outputs };
}

function declare(lines: LineIndex, kind: Declaration['kind'], name: string, nameNode: Node, whole: Node, extra: Partial<Declaration>): Declaration {
  const [nameStart, nameEnd] = nameNode.range!;
  return { kind, name, qualifiedName: name, nameStart, nameEnd, nameRange: lines.range(nameStart, nameEnd), range: nodeRange(lines, whole), ...extra };
}

/** `distributedImages.$` has a rule of its own, so `collectReferences` leaves it out. */
function distributedImagesUses(model: WorkflowModel): ReferenceUse[] {
  const uses: ReferenceUse[] = [];
  for (const step of model.steps) {
    const value = resolve(findPair(step.inputs, 'distributedImages.$')?.value, model.doc);
    if (!isScalar(value) || typeof value.value !== 'string' || !value.value.trim().startsWith('$')) continue;
    const path = value.value.trim();
    uses.push({ path, range: rangeWithin(model, value, path), where: 'input', step, subject: '`distributedImages`' });
  }
  return uses;
}

const KINDS: Record<string, ReferenceKind> = { parameters: 'parameter', stepOutputs: 'stepOutput', imagebuilder: 'imagebuilder', workflowOutputs: 'workflowOutput' };

function toReference(model: WorkflowModel, use: ReferenceUse, parameters: Map<string, Declaration>, steps: Map<string, Declaration>): SymbolReference | undefined {
  const { lines, parsed } = model;
  const start = lines.offsetAt(use.range.start);
  const end = lines.offsetAt(use.range.end);
  // Where the source spells the path differently (escapes), only the whole is known.
  const exact = parsed.text.slice(start, end) === use.path;
  const segments = exact ? locateSegments(use.path) : [];
  const rootName = segments[0]?.value;
  const kind: ReferenceKind = typeof rootName === 'string' && KINDS[rootName] ? KINDS[rootName] : 'jsonpath';
  const parts: ReferencePart[] = [];
  let target: Declaration | undefined;
  segments.forEach((segment, i) => {
    let role: ReferencePart['role'] = i === 0 ? 'root' : 'key';
    let declaration: Declaration | undefined;
    if (i === 1 && kind === 'parameter') {
      role = 'name';
      declaration = parameters.get(String(segment.value));
      target = declaration;
    } else if (i === 1 && kind === 'stepOutput') {
      role = 'step';
      declaration = steps.get(String(segment.value));
      target = declaration;
    } else if (i === 1 && (kind === 'imagebuilder' || kind === 'workflowOutput')) {
      role = 'property';
    } else if (typeof segment.value === 'number') {
      role = 'index';
    }
    parts.push({
      role,
      text: parsed.text.slice(start + segment.start, start + segment.end),
      start: start + segment.start,
      end: start + segment.end,
      range: lines.range(start + segment.start, start + segment.end),
      target: declaration,
    });
  });
  const interpolated = use.expected === 'text';
  const outerStart = interpolated ? Math.max(0, parsed.text.lastIndexOf('{{', start)) : start;
  const closing = interpolated ? parsed.text.indexOf('}}', end) : -1;
  return {
    syntax: interpolated ? 'template' : 'jsonpath',
    kind,
    text: use.path,
    start,
    end,
    range: use.range,
    outerStart,
    outerEnd: closing >= 0 ? closing + 2 : end,
    parts,
    target,
    fromStep: use.step?.index,
  };
}
