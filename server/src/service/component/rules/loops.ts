/** L29 loop structure, L30 delimiters, L31 unique loop names per phase. */
import { isScalar, type YAMLMap } from 'yaml';
import { asMap, findPair, itemsOf, keyRange, keyText, pairsOf, resolve, valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import { closest, didYouMean } from '../../shared/suggest';
import type { Diagnostic } from '../../types';
import { classify, findReferences } from '../references';
import { DELIMITERS } from '../schema';
import type { ComponentModel, StepModel } from '../model';
import type { ComponentRule } from './context';

const LOOP_KEYS = ['name', 'for', 'forEach'];
const FOR_KEYS = ['start', 'end', 'updateBy'];
const FOR_EACH_KEYS = ['list', 'delimiter'];

export const checkLoops: ComponentRule = (model) => {
  const out: Diagnostic[] = [];
  for (const phase of model.phases) {
    const names = new Map<string, string>();
    for (const step of phase.steps) {
      if (!step.loopPair) continue;
      out.push(...checkLoop(model, step));
      if (step.loopName !== undefined) {
        const earlier = names.get(step.loopName);
        const namePair = findPair(step.loop, 'name')!;
        if (earlier !== undefined) {
          out.push(diagnostic('duplicate-loop-name', valueRange(model.lines, namePair), `Loop name \`${step.loopName}\` is already used by step \`${earlier}\` in this phase; loop names must be unique within a phase.`));
        } else names.set(step.loopName, step.name ?? '?');
      }
    }
  }
  return out;
};

function checkLoop(model: ComponentModel, step: StepModel): Diagnostic[] {
  const { lines } = model;
  const out: Diagnostic[] = [];
  const loopPair = step.loopPair!;
  const loop = step.loop;
  if (!loop) {
    return [diagnostic('invalid-loop', valueRange(lines, loopPair), '`loop` must be a mapping with `for:` (start, end, updateBy) or `forEach:` (a list).')];
  }
  out.push(...unknownKeys(model, loop, LOOP_KEYS, 'a loop'));
  const forPair = findPair(loop, 'for');
  const forEachPair = findPair(loop, 'forEach');
  if (forPair && forEachPair) {
    out.push(diagnostic('invalid-loop', keyRange(lines, forEachPair), 'A loop has either `for` or `forEach`, not both.'));
  } else if (!forPair && !forEachPair) {
    out.push(diagnostic('invalid-loop', keyRange(lines, loopPair), 'A loop needs `for:` (start, end, updateBy) or `forEach:` (a list of values).'));
  }
  const name = findPair(loop, 'name');
  if (name && !(isScalar(name.value) && typeof name.value.value === 'string')) {
    out.push(diagnostic('invalid-loop', valueRange(lines, name), 'The loop `name` must be text.'));
  }
  if (forPair) out.push(...checkFor(model, forPair.value, keyRange(lines, forPair)));
  if (forEachPair) out.push(...checkForEach(model, forEachPair.value, keyRange(lines, forEachPair)));
  return out;
}

function checkFor(model: ComponentModel, node: unknown, at: Diagnostic['range']): Diagnostic[] {
  const { lines, doc } = model;
  const map = asMap(node, doc);
  if (!map) return [diagnostic('invalid-loop', at, '`for` must be a mapping with `start`, `end` and `updateBy`.')];
  const out = unknownKeys(model, map, FOR_KEYS, '`for`');
  const numbers: Record<string, number | undefined> = {};
  for (const key of FOR_KEYS) {
    const pair = findPair(map, key);
    if (!pair) {
      out.push(diagnostic('invalid-loop', at, `\`for\` needs \`${key}\`.`));
      continue;
    }
    const value = resolve(pair.value, doc);
    const range = valueRange(lines, pair);
    if (isScalar(value) && typeof value.value === 'number' && Number.isInteger(value.value)) {
      numbers[key] = value.value;
    } else if (isScalar(value) && typeof value.value === 'string' && value.value.includes('{{')) {
      if (findReferences(value, model.parsed.text).some((r) => classify(r.expression).kind === 'chaining')) {
        out.push(diagnostic('invalid-loop', range, `\`${key}\` of a \`for\` loop cannot use chaining; use a number or a parameter.`));
      }
    } else {
      out.push(diagnostic('invalid-loop', range, `\`${key}\` must be a whole number.`));
    }
  }
  const { start, end, updateBy } = numbers;
  const updatePair = findPair(map, 'updateBy');
  if (updateBy === 0 && updatePair) {
    out.push(diagnostic('invalid-loop', valueRange(lines, updatePair), '`updateBy` cannot be 0: the loop would never end.'));
  } else if (start !== undefined && end !== undefined && updateBy !== undefined && updatePair) {
    if ((updateBy > 0 && start > end) || (updateBy < 0 && start < end)) {
      out.push(diagnostic('invalid-loop', valueRange(lines, updatePair),
        `Counting from ${start} to ${end} by ${updateBy} never reaches the end: use \`updateBy: ${-updateBy}\` or swap \`start\` and \`end\`.`));
    }
  }
  return out;
}

function checkForEach(model: ComponentModel, node: unknown, at: Diagnostic['range']): Diagnostic[] {
  const { lines, doc } = model;
  const value = resolve(node, doc);
  const list = itemsOf(value, doc);
  if (list.length > 0 || (value && 'items' in (value as object) && !asMap(value, doc))) {
    const out: Diagnostic[] = [];
    for (const item of list) {
      if (!isScalar(item)) out.push(diagnostic('invalid-loop', firstLine(model, item), 'Items of `forEach` must be plain values (loops support only strings).'));
    }
    if (list.length === 0) out.push(diagnostic('invalid-loop', at, '`forEach` is empty: the step would never run.'));
    return out;
  }
  const map = asMap(value, doc);
  if (!map) return [diagnostic('invalid-loop', at, '`forEach` must be a list of values, or a mapping with `list` (a delimited string) and `delimiter`.')];
  const out = unknownKeys(model, map, FOR_EACH_KEYS, '`forEach`');
  const listPair = findPair(map, 'list');
  if (!listPair) out.push(diagnostic('invalid-loop', at, '`forEach` in the delimited form needs `list`, the string to split.'));
  else if (!(isScalar(listPair.value) && typeof listPair.value.value === 'string')) out.push(diagnostic('invalid-loop', valueRange(lines, listPair), '`list` must be a string of values separated by the delimiter.'));
  const delimiterPair = findPair(map, 'delimiter');
  if (delimiterPair) {
    const delimiter = isScalar(delimiterPair.value) ? delimiterPair.value.value : undefined;
    const range = valueRange(lines, delimiterPair);
    if (typeof delimiter === 'string' && delimiter.includes('{{')) {
      out.push(diagnostic('invalid-loop', range, '`delimiter` cannot use a reference; write the character itself.'));
    } else if (typeof delimiter !== 'string' || !(DELIMITERS as readonly string[]).includes(delimiter)) {
      const at = (delimiterPair.value as { range?: [number, number] } | null)?.range;
      const source = at ? model.parsed.text.slice(at[0], at[1]) : JSON.stringify(delimiter);
      // `'\n'` in single quotes (or unquoted) is a backslash and a letter, not a newline.
      const escape = delimiter === '\\n' || delimiter === '\\t' ? ` In single quotes or unquoted, \`${delimiter}\` is two characters: write "${delimiter}" in double quotes.` : '';
      out.push(diagnostic('invalid-delimiter', range, `\`delimiter\` must be one character out of \`.\` \`,\` \`;\` \`:\` \`\\n\` \`\\t\`, space, \`-\` or \`_\`; ${source} is not.${escape}`));
    }
  }
  return out;
}

function unknownKeys(model: ComponentModel, map: YAMLMap, known: string[], where: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const pair of pairsOf(map, model.doc)) {
    const key = keyText(pair);
    if (key !== undefined && !known.includes(key)) {
      out.push(diagnostic('unknown-key', keyRange(model.lines, pair), `Unknown key \`${key}\` in ${where}; known keys are ${known.map((k) => `\`${k}\``).join(', ')}.${didYouMean(key, known)}`,
        { key, replacement: closest(key, known) }));
    }
  }
  return out;
}

function firstLine(model: ComponentModel, node: unknown): Diagnostic['range'] {
  const range = (node as { range?: [number, number] } | null)?.range;
  if (!range) return model.lines.range(0, 0);
  const start = model.lines.positionAt(range[0]);
  return model.lines.range(range[0], Math.min(range[1], model.lines.lineEnd(start.line)));
}
