/**
 * inputs-shape: a mapping where the action takes a list of operations becomes the one item of a
 * list (`- ` before the first key, the rest indented to match); a list of one mapping where
 * the action takes a mapping becomes that mapping (the `- ` removed, the rest dedented).
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { isMap, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Analysis } from '../analysis';
import { columnOf, contentEnd, insert, replace, shiftLines, stepAt, type FixProvider } from './edit';

export const inputsShape: FixProvider<'inputs-shape'> = (data, context) => {
  const { analysis } = context;
  const step = stepAt(analysis, context.start)?.step;
  const inputsPair = step?.inputsPair;
  if (!step || !inputsPair || step.spec?.name !== data.action) return [];
  const value = inputsPair.value as Node | null;
  const parentColumn = columnOf(analysis, (inputsPair.key as Node).range?.[0] ?? 0);
  let edits: TextEdit[] | undefined;
  if (data.expected === 'list' && isMap(value)) edits = mappingToList(analysis, value);
  else if (data.expected === 'object' && isSeq(value)) edits = listToMapping(analysis, value, parentColumn);
  if (!edits?.length) return [];
  const title = data.expected === 'list' ? `Turn \`inputs\` into a list (one item per operation of \`${data.action}\`)` : `Turn \`inputs\` into a mapping, as \`${data.action}\` takes`;
  return [{ title, edits, isPreferred: true }];
};

function mappingToList(analysis: Analysis, map: YAMLMap): TextEdit[] | undefined {
  if (!map.range || !map.items.length) return undefined;
  const [start, end] = map.range;
  if (map.flow) return [insert(analysis, start, '['), insert(analysis, end, ']')];
  return [insert(analysis, start, '- '), ...(shiftLines(analysis, start, contentEnd(analysis, start, end), 2) ?? [])];
}

function listToMapping(analysis: Analysis, seq: YAMLSeq, parentColumn: number): TextEdit[] | undefined {
  const item = seq.items[0] as Node | undefined;
  if (seq.items.length !== 1 || !isMap(item) || !item.range || !seq.range) return undefined;
  if (seq.flow) {
    if (!item.flow) return undefined;
    return [replace(analysis, seq.range[0], seq.range[1], analysis.text.slice(item.range[0], item.range[1]))];
  }
  if (item.flow) return undefined;
  const dash = seq.range[0];
  const keyStart = item.range[0];
  const shift = columnOf(analysis, keyStart) - columnOf(analysis, dash);
  const dashLine = analysis.lines.positionAt(dash).line;
  if (analysis.lines.positionAt(keyStart).line !== dashLine || analysis.text[dash] !== '-') return undefined;
  // A list written at its key's own column (`inputs:` / `- a: b`) keeps the keys where they are.
  if (columnOf(analysis, dash) <= parentColumn) return [replace(analysis, dash, dash + 1, ' ')];
  const dedent = shiftLines(analysis, keyStart, contentEnd(analysis, keyStart, item.range[1]), -shift);
  return dedent && [replace(analysis, dash, keyStart, ''), ...dedent];
}
