/**
 * L32-L36: conditional expressions of a step's `if` and of Assert's `inputs`. One operator at
 * each level, companions as the operator needs, then/else values, nesting depth, numeric
 * operands and RE2 patterns. The schema encodes the same shape; these rules give the messages.
 */
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { RE2JS } from 're2js';
import { asMap, findPair, firstLineRange, itemsOf, keyRange, keyText, pairsOf, resolve, valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import { didYouMean, oneOfList } from '../../shared/suggest';
import type { Diagnostic } from '../../types';
import { COMPARISON_BY_NAME, COMPARISON_OPERATORS, CONDITION_ACTIONS, LOGICAL_OPERATORS, MAX_CONDITION_DEPTH } from '../conditions';
import type { ComponentModel } from '../model';
import type { ComponentRule } from './context';

const NUMERIC = /^[-+]?([0-9]+[.])?[0-9]+$/;
const OPERATORS = [...COMPARISON_OPERATORS.map((o) => o.name), ...LOGICAL_OPERATORS];

export const checkConditions: ComponentRule = (model) => {
  const out: Diagnostic[] = [];
  for (const step of model.steps) {
    if (step.ifPair) out.push(...checkExpression(model, step.ifPair, 1, 'if'));
    if (step.action === 'Assert' && step.inputsPair) out.push(...checkExpression(model, step.inputsPair, 1, 'assert'));
  }
  return out;
};

type Place = 'if' | 'assert' | 'nested';

/** Checks the expression held by `owner` (a pair, or a list item node for `and`/`or`). */
function checkExpression(model: ComponentModel, owner: Pair | Node, depth: number, place: Place): Diagnostic[] {
  const { lines, doc } = model;
  const node = resolve('key' in owner ? owner.value : owner, doc);
  const where = 'key' in owner ? keyRange(lines, owner) : firstLineRange(lines, node);
  const map = asMap(node, doc);
  if (!map) {
    const listHint = isSeq(node) && place !== 'nested' ? ' The list form (`- stringEquals: ...`) is not accepted: remove the dash.' : '';
    return [diagnostic('invalid-condition', where, `Expected a conditional expression (a mapping such as \`fileExists: /path\`).${listHint}`)];
  }
  const out: Diagnostic[] = [];
  const pairs = pairsOf(map, doc);
  const operators = pairs.filter((p) => OPERATORS.includes(keyText(p) ?? ''));
  // A misspelt operator (`fileExist`) is reported on its key below; "no operator" would repeat it.
  const unknown = pairs.filter((p) => !OPERATORS.includes(keyText(p) ?? '') && !['then', 'else', 'value', 'path'].includes(keyText(p) ?? ''));
  if (operators.length === 0 && unknown.length === 0) {
    out.push(diagnostic('invalid-condition', where, `The expression has no operator: use one comparison (e.g. \`stringEquals\`, \`fileExists\`) or one of \`and\`, \`or\`, \`not\`.`));
  } else if (operators.length > 1) {
    for (const extra of operators.slice(1)) {
      out.push(diagnostic('invalid-condition', keyRange(lines, extra), `One expression holds one operator; \`${keyText(operators[0])}\` is already here. Combine them with \`and:\` or \`or:\`.`));
    }
  }
  const operator = operators[0] ? keyText(operators[0])! : undefined;
  const comparison = operator ? COMPARISON_BY_NAME.get(operator) : undefined;

  for (const pair of pairs) {
    const key = keyText(pair) ?? '';
    if (OPERATORS.includes(key)) continue;
    if (key === 'then' || key === 'else') {
      if (place === 'assert') {
        out.push(diagnostic('invalid-condition', keyRange(lines, pair), `\`${key}\` belongs only at the top of a step's \`if\`; Assert fails the step when the expression is false.`));
        continue;
      }
      if (place === 'nested') {
        // AWS's own STIG component nests then/else under `not`; the docs only show them at the top.
        out.push(diagnostic('misplaced-condition-branch', keyRange(lines, pair), `\`${key}\` is documented only at the top of a step's \`if\`; move it next to the top operator.`));
        continue;
      }
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      if (typeof value !== 'string' || !(CONDITION_ACTIONS as readonly string[]).includes(value)) {
        out.push(diagnostic('invalid-condition', valueRange(lines, pair), `\`${key}\` must be ${oneOfList(CONDITION_ACTIONS)}.${typeof value === 'string' ? didYouMean(value, CONDITION_ACTIONS) : ''}`));
      }
      continue;
    }
    if ((key === 'value' || key === 'path') && comparison) {
      if (comparison.companion !== key) {
        const needs = comparison.companion
          ? `takes \`${comparison.companion}\` (${comparison.companion === 'value' ? 'the value to compare with' : 'the file whose hash is compared'}), not \`${key}\``
          : `compares its own operand and takes no \`${key}\``;
        out.push(diagnostic('comparison-operand', keyRange(lines, pair), `\`${comparison.name}\` ${needs}.`));
      }
      continue;
    }
    if (key === 'value' || key === 'path') {
      if (operator) out.push(diagnostic('comparison-operand', keyRange(lines, pair), `\`${key}\` belongs to a comparison; \`${operator}\` does not take it.`));
      continue;
    }
    out.push(diagnostic('invalid-condition', keyRange(lines, pair), `\`${key}\` is not a comparison or logical operator.${didYouMean(key, OPERATORS)}`));
  }

  if (comparison && operators[0]) {
    out.push(...checkComparison(model, map, operators[0], comparison.name));
  } else if (operator && operators[0]) {
    out.push(...checkLogical(model, operators[0], operator, depth));
  }
  return out;
}

function checkComparison(model: ComponentModel, map: ReturnType<typeof asMap>, operatorPair: Pair, name: string): Diagnostic[] {
  const { lines, doc } = model;
  const spec = COMPARISON_BY_NAME.get(name)!;
  const out: Diagnostic[] = [];
  const operand = resolve(operatorPair.value, doc);
  if (!isScalar(operand) || operand.value === null) {
    out.push(diagnostic('invalid-condition', valueRange(lines, operatorPair), `\`${name}\` needs a single value to compare, not ${isMap(operand) ? 'a mapping' : isSeq(operand) ? 'a list' : 'nothing'}.`));
  }
  // With the other companion instead (`value` for a hash operator), that key's message says it all.
  const otherCompanion = findPair(map, spec.companion === 'value' ? 'path' : 'value');
  if (spec.companion && !findPair(map, spec.companion) && !otherCompanion) {
    out.push(diagnostic('comparison-operand', keyRange(lines, operatorPair), `\`${name}\` needs \`${spec.companion}\`: ${spec.companion === 'value' ? 'the value to compare with' : 'the file whose hash is compared'}.`));
  }
  if (spec.operand === 'number') {
    for (const pair of [operatorPair, findPair(map, 'value')]) {
      if (!pair || !isScalar(pair.value)) continue;
      const value = pair.value.value;
      if (typeof value === 'number' || (typeof value === 'string' && (value.includes('{{') || NUMERIC.test(value)))) continue;
      out.push(diagnostic('non-numeric-operand', valueRange(lines, pair), `\`${name}\` compares numbers; ${JSON.stringify(value)} is not a number, so the comparison is false.`));
    }
  }
  if (spec.operand === 'pattern' && isScalar(operand) && typeof operand.value === 'string' && !operand.value.includes('{{')) {
    const problem = re2Problem(operand.value);
    if (problem) out.push(diagnostic('invalid-pattern', valueRange(lines, operatorPair), `\`patternMatches\` takes an RE2 regular expression, and this one does not compile: ${problem}.`));
  }
  return out;
}

function checkLogical(model: ComponentModel, operatorPair: Pair, operator: string, depth: number): Diagnostic[] {
  const { lines, doc } = model;
  const value = resolve(operatorPair.value, doc);
  const out: Diagnostic[] = [];
  // Reported once, on the logical operator whose expressions would be one level too deep.
  if (depth >= MAX_CONDITION_DEPTH) {
    return [diagnostic('condition-too-deep', keyRange(lines, operatorPair),
      `Conditional expressions nest at most ${MAX_CONDITION_DEPTH} levels: \`${operator}\` is at level ${depth}, so its expressions would be at level ${depth + 1}. Flatten it, e.g. by merging nested \`and\`s (or \`or\`s) into one list.`)];
  }
  if (operator === 'not') {
    if (isSeq(value)) {
      const items = itemsOf(value, doc);
      if (items.length !== 1) {
        return [diagnostic('invalid-condition', keyRange(lines, operatorPair), `\`not\` negates exactly one expression; this list has ${items.length}.`)];
      }
      return checkExpression(model, items[0] as Node, depth + 1, 'nested');
    }
    return checkExpression(model, operatorPair, depth + 1, 'nested');
  }
  if (!isSeq(value)) {
    return [diagnostic('invalid-condition', valueRange(lines, operatorPair), `\`${operator}\` takes a list of expressions (\`- fileExists: ...\` lines).`)];
  }
  const items = itemsOf(value, doc);
  if (items.length === 0) out.push(diagnostic('invalid-condition', keyRange(lines, operatorPair), `\`${operator}\` needs at least one expression.`));
  for (const item of items) out.push(...checkExpression(model, item as Node, depth + 1, 'nested'));
  return out;
}

/** RE2 has no look-around and no backreferences; re2js reports those and every other error. */
function re2Problem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
