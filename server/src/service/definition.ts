/**
 * Go to definition: from a reference part to the declaration it names (a `{{ Param }}`, the
 * loop of `loop.value`, the step of a chaining or `$.stepOutputs` path, the input a chained
 * `inputs.key` reads), and from a declaration to itself, as editors expect. Action names and
 * the built-in namespaces have no definition in the document.
 */
import type { Node } from 'yaml';
import type { Analysis } from './analysis';
import { asMap, findPair, itemsOf, nodeRange } from './ast';
import { offsetOf } from './shared/position';
import type { Declaration, PartAt } from './symbols';
import type { Position, Range } from './types';

/** A LocationLink without its uri: the adapter adds the document's. */
export interface DefinitionTarget {
  /** The whole declaration (the step, the parameter item). */
  targetRange: Range;
  /** The name within it. */
  targetSelectionRange: Range;
  /** What was clicked: the reference part or the name. */
  originSelectionRange: Range;
}

export function definition(analysis: Analysis, position: Position): DefinitionTarget[] {
  const offset = offsetOf(analysis, position);
  if (offset === undefined || analysis.kind === 'unknown') return [];
  const at = analysis.symbols.referenceAt(offset);
  if (at) return fromReference(analysis, at);
  const declared = analysis.symbols.declarationAt(offset);
  return declared ? [link(declared, declared.nameRange)] : [];
}

function link(declaration: Declaration, origin: Range): DefinitionTarget {
  return { targetRange: declaration.range, targetSelectionRange: declaration.nameRange, originSelectionRange: origin };
}

function fromReference(analysis: Analysis, { reference, part }: PartAt): DefinitionTarget[] {
  if (!part) return reference.target ? [link(reference.target, reference.range)] : [];
  if (part.target) return [link(part.target, part.range)];
  // `loop.value`: the loop of the step, named or not.
  if (part.role === 'loop') {
    if (reference.target) return [link(reference.target, part.range)];
    const step = reference.fromStep !== undefined ? analysis.component?.steps[reference.fromStep] : undefined;
    const loopKey = step?.loopPair?.key as Node | null | undefined;
    if (!step?.loopPair || !loopKey?.range) return [];
    const keyRange = nodeRange(analysis.lines, loopKey);
    return [{ targetRange: nodeRange(analysis.lines, step.loopPair.value as Node), targetSelectionRange: keyRange, originSelectionRange: part.range }];
  }
  const step = reference.target;
  if (!step || step.kind !== 'step') return [];
  // `build.Step.inputs[0].key`: the input as written in that step.
  if (reference.kind === 'chaining' && part.role === 'key' && reference.parts.some((p) => p.role === 'section' && p.text === 'inputs')) {
    const input = chainedInput(analysis, step, reference.parts.find((p) => p.role === 'index')?.text, part.text);
    if (input) return [{ ...input, originSelectionRange: part.range }];
  }
  // An output's key, and the `outputs` / `inputs` sections: the step that produces them.
  if (part.role === 'key' || part.role === 'section' || part.role === 'index') return [link(step, part.range)];
  return [];
}

function chainedInput(analysis: Analysis, step: Declaration, index: string | undefined, key: string): Omit<DefinitionTarget, 'originSelectionRange'> | undefined {
  const model = analysis.component;
  const stepModel = step.stepIndex !== undefined ? model?.steps[step.stepIndex] : undefined;
  if (!model || !stepModel) return undefined;
  const inputs = index !== undefined ? asMap(itemsOf(stepModel.inputs, model.doc)[Number(index)], model.doc) : asMap(stepModel.inputs, model.doc);
  const pair = findPair(inputs, key);
  const keyNode = pair?.key as Node | null | undefined;
  if (!pair || !keyNode?.range) return undefined;
  const valueEnd = (pair.value as Node | null)?.range?.[1] ?? keyNode.range[1];
  return { targetRange: analysis.lines.range(keyNode.range[0], valueEnd), targetSelectionRange: nodeRange(analysis.lines, keyNode) };
}
