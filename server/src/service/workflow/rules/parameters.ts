/** A.2: parameter names are unique, defaults match the declared type, and every one is used. */
import { isScalar, isSeq, type Pair } from 'yaml';
import { keyRange, resolve, valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../types';
import { pairValue, type WorkflowModel } from '../model';
import { WORKFLOW_PARAMETER_TYPES } from '../schema';
import type { WorkflowRule } from './context';

const TYPE_WORDS: Record<string, string> = {
  string: 'text (put it in quotes)',
  integer: 'a whole number',
  boolean: '`true` or `false`',
  stringList: 'a list of text items',
};

/**
 * `- MyParam: {type: string}`: a parameter written as in component documents. The schema would
 * say "needs `name`" and "unknown key `MyParam`"; one message says what happened.
 */
export function isComponentStyleParameter(item: unknown): boolean {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return false;
  const entries = Object.entries(item);
  return entries.length === 1 && entries[0][0] !== 'name' && !!entries[0][1] && typeof entries[0][1] === 'object' && !Array.isArray(entries[0][1]);
}

export const checkParameters: WorkflowRule = (model) => {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const parameter of model.parameters) {
    if (parameter.componentStyle) {
      const name = parameter.name ?? '';
      out.push(diagnostic('invalid-value', keyRange(model.lines, parameter.namePair!),
        `Workflow parameters are written \`- name: ${name}\` with \`type:\` beside it, not \`- ${name}:\` with the settings under it as in component documents.`,
        { parameter: name }));
      continue;
    }
    if (parameter.name === undefined || !parameter.namePair) continue;
    const nameRange = valueRange(model.lines, parameter.namePair);
    if (seen.has(parameter.name)) {
      out.push(diagnostic('duplicate-parameter', nameRange, `Parameter \`${parameter.name}\` is declared twice; parameter names must be unique.`));
      continue;
    }
    seen.add(parameter.name);

    if (parameter.defaultPair && (WORKFLOW_PARAMETER_TYPES as readonly string[]).includes(parameter.type) && !defaultFits(model, parameter.type, parameter.defaultPair)) {
      out.push(diagnostic('parameter-default-type', valueRange(model.lines, parameter.defaultPair),
        `The default of \`${parameter.name}\` must be ${TYPE_WORDS[parameter.type]}, as its type is \`${parameter.type}\`${parameter.typePair ? '' : ' (the type when none is given)'}.`));
    }

    if (!isUsed(model, parameter.name)) {
      out.push(diagnostic('unused-parameter', nameRange, `Parameter \`${parameter.name}\` is never referenced; use it as \`$.parameters.${parameter.name}\` or remove it.`));
    }
  }
  return out;
};

function defaultFits(model: WorkflowModel, type: string, pair: Pair): boolean {
  const node = pairValue(model, pair);
  if (type === 'stringList') {
    return isSeq(node) && node.items.every((item) => {
      const value = resolve(item, model.doc);
      return isScalar(value) && typeof value.value === 'string';
    });
  }
  if (!isScalar(node)) return false;
  const value = node.value;
  if (type === 'integer') return typeof value === 'number' && Number.isInteger(value);
  if (type === 'boolean') return typeof value === 'boolean';
  return typeof value === 'string';
}

/** Generous on purpose: any mention as a JSONPath counts, wherever it is written. */
function isUsed(model: WorkflowModel, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\$\\.parameters(?:\\.${escaped}(?![^.\\[\\]\\s'"{}])|\\[\\s*['"]${escaped}['"]\\s*\\])`).test(model.parsed.text);
}
