/**
 * A.7: the shape of `if`. One statement at the top (a mapping, or a one-item list, F12); `and`
 * and `or` with 1 to 10 conditions; `not` with exactly one; at most 4 levels; each comparison is
 * one operator plus `value`, with operands of the operator's kind (numbers per F11).
 */
import { isMap, isScalar, isSeq, type Pair } from 'yaml';
import { keyRange, keyText, mappingAnchor, nodeRange, resolve, valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import { didYouMean } from '../../shared/suggest';
import type { Diagnostic, Range } from '../../types';
import { COMPARISON_BY_NAME, isNumeric, MAX_BRANCH_ITEMS, MAX_CONDITION_DEPTH, type WorkflowComparison } from '../conditions';
import type { WorkflowModel } from '../model';
import type { WorkflowRule } from './context';

const LOGICAL = new Set(['and', 'or', 'not']);
const OPERATOR_NAMES = [...COMPARISON_BY_NAME.keys(), ...LOGICAL];
const EXAMPLE = '`stringEquals: AMI` with `value: $.imagebuilder.imageType`';

export const checkConditions: WorkflowRule = (model) => {
  const out: Diagnostic[] = [];
  for (const step of model.steps) {
    if (!step.ifPair) continue;
    const checker = new ConditionChecker(model, out);
    const node = resolve(step.ifPair.value, model.doc);
    if (isSeq(node)) {
      if (node.items.length === 1) checker.statement(node.items[0], 1, step.ifPair);
      else checker.report(keyRange(model.lines, step.ifPair), node.items.length === 0
        ? '`if` is an empty list: write one condition, e.g. ' + EXAMPLE + '.'
        : `\`if\` holds ${node.items.length} conditions, but its top level takes exactly one: combine them under \`and:\` or \`or:\`.`);
    } else if (isMap(node)) {
      checker.statement(node, 1, step.ifPair);
    } else {
      checker.report(valueRange(model.lines, step.ifPair), `\`if\` must be a condition: one comparison such as ${EXAMPLE}, or \`and\` / \`or\` / \`not\`.`);
    }
  }
  return out;
};

class ConditionChecker {
  constructor(
    private readonly model: WorkflowModel,
    private readonly out: Diagnostic[],
  ) {}

  report(range: Range, message: string, code: 'invalid-condition' | 'condition-too-deep' | 'non-numeric-operand' = 'invalid-condition'): void {
    this.out.push(diagnostic(code, range, message));
  }

  /** A condition at `level` (1 = the statement directly under `if`); `owner` is the key holding it. */
  statement(raw: unknown, level: number, owner: Pair): void {
    const { lines } = this.model;
    const node = resolve(raw, this.model.doc);
    if (!isMap(node)) {
      const range = node ? nodeRange(lines, node) : keyRange(lines, owner);
      this.report(range, `A condition is a mapping: one comparison such as ${EXAMPLE}, or \`and\` / \`or\` / \`not\`.`);
      return;
    }
    const pairs = node.items as Pair[];
    if (pairs.length === 0) {
      this.report(valueRange(lines, owner), `This condition is empty: write one comparison such as ${EXAMPLE}.`);
      return;
    }
    if (level > MAX_CONDITION_DEPTH) {
      this.report(mappingAnchor(lines, node),
        `Conditions nest at most ${MAX_CONDITION_DEPTH} levels (the statement under \`if\` and 3 below it); this one is level ${level}. Flatten it, e.g. merge nested \`and\`s.`,
        'condition-too-deep');
      return;
    }
    const logical = pairs.find((p) => LOGICAL.has(keyText(p) ?? ''));
    if (logical) this.logical(logical, pairs, level);
    else this.comparison(pairs);
  }

  private logical(pair: Pair, pairs: Pair[], level: number): void {
    const { lines } = this.model;
    const key = keyText(pair)!;
    for (const other of pairs) {
      if (other !== pair) this.report(keyRange(lines, other), `\`${key}\` stands alone in its condition; move \`${keyText(other) ?? '?'}\` into a separate condition${key === 'not' ? ' inside it' : ' in its list'}.`);
    }
    const value = resolve(pair.value, this.model.doc);
    if (key === 'not') {
      if (isSeq(value)) {
        if (value.items.length === 1) this.statement(value.items[0], level + 1, pair);
        else this.report(keyRange(lines, pair), `\`not\` negates exactly one condition, not ${value.items.length}; wrap several in \`and:\` or \`or:\` inside it.`);
      } else this.statement(value, level + 1, pair);
      return;
    }
    if (!isSeq(value)) {
      this.report(valueRange(lines, pair), `\`${key}\` takes a list of 1 to ${MAX_BRANCH_ITEMS} conditions, each written \`- stringEquals: ...\` on its own item.`);
      return;
    }
    if (value.items.length === 0 || value.items.length > MAX_BRANCH_ITEMS) {
      this.report(keyRange(lines, pair), `\`${key}\` takes 1 to ${MAX_BRANCH_ITEMS} conditions; this one has ${value.items.length}.`);
    }
    for (const item of value.items) this.statement(item, level + 1, pair);
  }

  private comparison(pairs: Pair[]): void {
    const { lines } = this.model;
    const operators: Array<{ pair: Pair; operator: WorkflowComparison }> = [];
    let valuePair: Pair | undefined;
    let unknown = 0;
    for (const pair of pairs) {
      const key = keyText(pair) ?? '';
      const operator = COMPARISON_BY_NAME.get(key);
      if (operator) operators.push({ pair, operator });
      else if (key === 'value') valuePair = pair;
      else {
        unknown++;
        this.report(keyRange(lines, pair), `\`${key}\` is not a condition operator.${didYouMean(key, OPERATOR_NAMES)} The operators are ${[...COMPARISON_BY_NAME.keys()].map((k) => `\`${k}\``).join(', ')}, \`and\`, \`or\` and \`not\`.`);
      }
    }
    if (operators.length === 0) {
      // A misspelt operator was reported above; `value` then has its partner already.
      if (valuePair && unknown === 0) this.report(keyRange(lines, valuePair), `\`value\` needs an operator beside it, such as \`stringEquals: AMI\`, to say what it is compared with.`);
      return;
    }
    const [{ pair, operator }, ...extra] = operators;
    for (const more of extra) {
      this.report(keyRange(lines, more.pair), `A condition holds one comparison: put \`${operator.name}\` and \`${more.operator.name}\` in separate conditions under \`and:\` or \`or:\`.`);
    }
    if (!valuePair) {
      this.report(keyRange(lines, pair), `\`${operator.name}\` needs \`value:\`, the operand it is compared with, e.g. \`value: $.imagebuilder.imageType\`.`);
    }
    this.operand(operator, pair, 'operator');
    if (valuePair) this.operand(operator, valuePair, 'value');
  }

  /** The operator's own operand is a literal; `value` may also be a JSONPath. */
  private operand(operator: WorkflowComparison, pair: Pair, side: 'operator' | 'value'): void {
    const node = resolve(pair.value, this.model.doc);
    const range = valueRange(this.model.lines, pair);
    const value = isScalar(node) ? node.value : undefined;
    if (side === 'value' && typeof value === 'string' && value.trim().startsWith('$')) return;
    const where = side === 'operator' ? `\`${operator.name}\`` : `\`value\` of \`${operator.name}\``;
    const orPath = side === 'value' ? ' or a `$.` JSONPath' : '';
    if (!isScalar(node) || value === null || value === undefined) {
      this.report(range, `${where} needs a single value${operator.operand === 'boolean' ? ' (`true` or `false`)' : ''}${orPath}.`);
    } else if (operator.operand === 'boolean' && typeof value !== 'boolean') {
      this.report(range, `${where} must be \`true\` or \`false\`${orPath}; ${JSON.stringify(value)} is not a Boolean.`);
    } else if (operator.operand === 'number' && !isNumeric(value)) {
      this.report(range, `${where} must be a number${orPath}; ${JSON.stringify(value)} is not one, so the comparison cannot hold.`, 'non-numeric-operand');
    }
  }
}
