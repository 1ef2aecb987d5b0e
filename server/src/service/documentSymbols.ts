/**
 * Document symbols, the outline: for components the parameters, the constants and each phase
 * with its steps (the action as detail, a named loop beneath); for workflows the parameters,
 * the steps and the document outputs. Each symbol's range covers its whole entry and its
 * selection range the name, so editors can both fold to it and jump to the name.
 */
import { isPair, type Node, type Pair } from 'yaml';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Analysis } from './analysis';
import { findPair, resolve } from './ast';
import { rangeContains } from './shared/position';
import type { Range } from './types';

export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  if (analysis.component) return componentSymbols(analysis);
  if (analysis.workflow) return workflowSymbols(analysis);
  return [];
}

function componentSymbols(analysis: Analysis): DocumentSymbol[] {
  const model = analysis.component!;
  const out: DocumentSymbol[] = [];
  for (const section of ['parameters', 'constants'] as const) {
    const children = model.variables
      .filter((v) => v.section === section)
      .map((v) => {
        const definition = v.definition;
        const value = definition ? resolve(findPair(definition, section === 'constants' ? 'value' : 'default')?.value, model.doc) : undefined;
        const type = definition ? resolve(findPair(definition, 'type')?.value, model.doc) : undefined;
        const detail = [scalar(type), value ? `= ${scalar(value)}` : undefined].filter(Boolean).join(' ');
        return symbol(analysis, v.name, section === 'constants' ? SymbolKind.Constant : SymbolKind.Variable, pairSpan(v.pair), v.pair.key as Node, detail);
      })
      .filter((s): s is DocumentSymbol => !!s);
    const group = findPair(model.root, section);
    const groupSymbol = group && symbol(analysis, section, SymbolKind.Namespace, pairSpan(group), group.key as Node, undefined, children);
    if (groupSymbol) out.push(groupSymbol);
  }
  for (const phase of model.phases) {
    const steps = phase.steps
      .map((step) => {
        const loopName = resolve(findPair(step.loop, 'name')?.value, model.doc);
        const loop = step.loopName !== undefined && step.loopPair ? symbol(analysis, step.loopName, SymbolKind.Variable, pairSpan(step.loopPair), loopName, 'loop') : undefined;
        return symbol(analysis, step.name || `step ${step.index + 1}`, SymbolKind.Function, step.node, resolve(step.namePair?.value, model.doc), step.action, loop ? [loop] : []);
      })
      .filter((s): s is DocumentSymbol => !!s);
    const named = symbol(analysis, phase.name || `phase ${phase.index + 1}`, SymbolKind.Module, phase.node, resolve(phase.namePair?.value, model.doc), undefined, steps);
    if (named) out.push(named);
  }
  return out;
}

function workflowSymbols(analysis: Analysis): DocumentSymbol[] {
  const model = analysis.workflow!;
  const out: DocumentSymbol[] = [];
  const parameters = model.parameters
    .map((p) => {
      const nameNode = p.componentStyle ? (p.namePair?.key as Node | null) : resolve(p.namePair?.value, model.doc);
      const value = resolve(p.defaultPair?.value, model.doc);
      return symbol(analysis, p.name || `parameter ${p.index + 1}`, SymbolKind.Variable, p.node, nameNode, [p.type, value ? `= ${scalar(value)}` : undefined].filter(Boolean).join(' '));
    })
    .filter((s): s is DocumentSymbol => !!s);
  const parametersPair = findPair(model.root, 'parameters');
  const parametersGroup = parametersPair && symbol(analysis, 'parameters', SymbolKind.Namespace, pairSpan(parametersPair), parametersPair.key as Node, undefined, parameters);
  if (parametersGroup) out.push(parametersGroup);
  for (const step of model.steps) {
    const named = symbol(analysis, step.name || `step ${step.index + 1}`, SymbolKind.Function, step.node, resolve(step.namePair?.value, model.doc), step.action);
    if (named) out.push(named);
  }
  const outputs = model.outputs
    .map((o) => symbol(analysis, o.name || `output ${o.index + 1}`, SymbolKind.Property, o.node, resolve(o.namePair?.value, model.doc), scalar(resolve(o.valuePair?.value, model.doc))))
    .filter((s): s is DocumentSymbol => !!s);
  const outputsPair = findPair(model.root, 'outputs');
  const outputsGroup = outputsPair && symbol(analysis, 'outputs', SymbolKind.Namespace, pairSpan(outputsPair), outputsPair.key as Node, undefined, outputs);
  if (outputsGroup) out.push(outputsGroup);
  return out;
}

type Span = Node | [number, number] | undefined;

/** A pair from its key to the end of its value. */
function pairSpan(pair: Pair): Span {
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  if (!key?.range) return value ?? undefined;
  return [key.range[0], Math.max(key.range[1], value?.range?.[1] ?? 0)];
}

function symbol(analysis: Analysis, name: string, kind: SymbolKind, whole: Span, nameNode: Node | null | undefined, detail?: string, children: DocumentSymbol[] = []): DocumentSymbol | undefined {
  const span = Array.isArray(whole) ? whole : whole?.range ? [whole.range[0], whole.range[1]] : undefined;
  if (!span) return undefined;
  const range = trimmedRange(analysis, span[0], span[1]);
  const nameRange = nameNode?.range ? trimmedRange(analysis, nameNode.range[0], nameNode.range[1]) : undefined;
  // An alias or a name outside the entry: select the entry's start.
  const selectionRange = nameRange && rangeContains(range, nameRange) ? nameRange : { start: range.start, end: range.start };
  const result: DocumentSymbol = { name: name.replace(/\s+/g, ' ').trim() || '(unnamed)', kind, range, selectionRange, children: children.filter((c) => rangeContains(range, c.range)) };
  if (detail) result.detail = detail;
  return result;
}

/** A node's range without the line breaks and blank lines the parser counts into block collections. */
function trimmedRange(analysis: Analysis, start: number, end: number): Range {
  const text = analysis.text;
  let last = Math.min(end, text.length);
  while (last > start && /\s/.test(text[last - 1])) last--;
  return analysis.lines.range(start, last);
}

function scalar(node: unknown): string | undefined {
  if (!node || isPair(node) || typeof node !== 'object' || !('toJSON' in (node as object))) return undefined;
  const json = (node as Node).toJSON();
  if (json === null || json === undefined) return undefined;
  const text = (typeof json === 'string' ? json : JSON.stringify(json)).replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
