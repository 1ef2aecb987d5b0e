/**
 * Declares a parameter that a reference names but nothing declares, at the end of
 * `parameters:` (created before `phases:` / `steps:` when missing). Components:
 * `- Name:` with `type: string` under it; workflows: `- name: x` with the type the reference's
 * place expects.
 */
import { isSeq, type Node } from 'yaml';
import { findPair } from '../ast';
import type { Analysis } from '../analysis';
import { columnOf, contentEnd, eolOf, insert, lineEndAt, replace, rootMap, spaces, type Fix, type FixProvider } from './edit';

const SIMPLE_NAME = /^[A-Za-z0-9_-]+$/;

export const declareComponentParameter: FixProvider<'undefined-reference'> = (data, context) => {
  const name = data.name;
  if (name === undefined || !SIMPLE_NAME.test(name) || context.analysis.kind !== 'component') return [];
  return declare(context.analysis, `Declare parameter \`${name}\``, 'phases', (dash) => [`${spaces(dash)}- ${name}:`, `${spaces(dash + 4)}type: string`]);
};

export const declareWorkflowParameter: FixProvider<'undefined-parameter'> = (data, context) => {
  if (!SIMPLE_NAME.test(data.name) || context.analysis.kind !== 'workflow') return [];
  return declare(context.analysis, `Declare parameter \`${data.name}\` of type ${data.type}`, 'steps',
    (dash) => [`${spaces(dash)}- name: ${data.name}`, `${spaces(dash + 2)}type: ${data.type}`]);
};

function declare(analysis: Analysis, title: string, before: 'phases' | 'steps', item: (dashColumn: number) => string[]): Fix[] {
  const root = rootMap(analysis);
  if (!root || root.flow) return [];
  const eol = eolOf(analysis);
  const section = findPair(root, 'parameters');
  const fix = (edit: ReturnType<typeof insert>): Fix[] => [{ title, edits: [edit] }];

  if (!section) {
    const anchor = findPair(root, before)?.key as Node | null | undefined;
    if (!anchor?.range) return [];
    const column = columnOf(analysis, anchor.range[0]);
    return fix(insert(analysis, anchor.range[0], ['parameters:', ...item(column + 2)].join(eol) + eol + spaces(column)));
  }
  const key = section.key as Node | null;
  const value = section.value as Node | null;
  if (!key?.range) return [];
  if (isSeq(value) && !value.flow && value.items.length && value.range) {
    const end = contentEnd(analysis, value.range[0], value.range[1]);
    return fix(insert(analysis, lineEndAt(analysis, end), eol + item(columnOf(analysis, value.range[0])).join(eol)));
  }
  const dash = columnOf(analysis, key.range[0]) + 2;
  if (isSeq(value) && value.flow && value.items.length === 0 && value.range) {
    // `parameters: []` becomes a block list: from the colon on.
    const colon = analysis.text.indexOf(':', key.range[1]);
    return colon >= 0 && colon < value.range[0] ? fix(replace(analysis, colon + 1, value.range[1], eol + item(dash).join(eol))) : [];
  }
  if (value !== null && value !== undefined && !(value.range && value.range[0] === value.range[1])) return [];
  return fix(insert(analysis, lineEndAt(analysis, key.range[1]), eol + item(dash).join(eol)));
}
