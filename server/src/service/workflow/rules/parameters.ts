/** A.2: parameter names are unique, defaults match the declared type, and every one is used. */
import { isScalar, isSeq } from 'yaml';
import { valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../types';
import { pairValue, type WorkflowModel } from '../model';
import { WORKFLOW_PARAMETER_TYPES } from '../schema';
import type { WorkflowRule } from './context';

const TYPE_WORDS: Record<string, string> = {
  string: 'text (quote it, e.g. `\'1.0\'`)',
  integer: 'a whole number',
  boolean: '`true` or `false`',
  stringList: 'a list of text items',
};

export const checkParameters: WorkflowRule = (model) => {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const parameter of model.parameters) {
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

function defaultFits(model: WorkflowModel, type: string, pair: Parameters<typeof pairValue>[1]): boolean {
  const node = pairValue(model, pair);
  if (type === 'stringList') return isSeq(node) && node.items.every((item) => isScalar(item) && typeof item.value === 'string');
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
