/**
 * Every JSONPath reference of a workflow document, with where it is written and what the place
 * expects: `key.$` values (and bare `$.` values on unsuffixed keys), `{{ $... }}` interpolations
 * inside text, condition `value` operands, `rollbackEnabled`, and document outputs.
 */
import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { findPair, keyText, resolve } from '../ast';
import type { Range } from '../types';
import { COMPARISON_BY_NAME } from './conditions';
import { schemaKind, walkInputs } from './inputs';
import { findInterpolations, looksLikeJsonPath } from './jsonpath';
import { pairValue, rangeWithin, type WorkflowModel, type WorkflowStep } from './model';

/** What the place of a reference takes; `text` for interpolations, `scalar` for `stringEquals`. */
export type Expected = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'text' | 'scalar';

export interface ReferenceUse {
  /** The JSONPath as written, trimmed. */
  path: string;
  range: Range;
  where: 'input' | 'condition' | 'rollback' | 'output';
  /** The step the reference is written in; none for document outputs. */
  step?: WorkflowStep;
  expected?: Expected;
  /** The place, in words, for messages: "`instanceId` of `CreateImage`". */
  subject: string;
}

export function collectReferences(model: WorkflowModel): ReferenceUse[] {
  const uses: ReferenceUse[] = [];
  for (const step of model.steps) {
    const action = step.action ?? 'this step';
    walkInputs(model, step, {
      scalar(node, place) {
        // `distributedImages.$` has a rule of its own (distributed-images-source).
        if (place.path.length === 1 && place.key === 'distributedImages.$') return;
        const subject = `\`${place.key.replace(/\.\$$/, '')}\` of \`${action}\``;
        if (typeof node.value === 'string' && !node.value.includes('{{') && (looksLikeJsonPath(node.value) || (place.chained && node.value.trim().startsWith('$')))) {
          const path = node.value.trim();
          uses.push({ path, range: rangeWithin(model, node, path), where: 'input', step, expected: schemaKind(place.schema), subject });
        }
        uses.push(...interpolations(model, node, 'input', step, subject));
      },
    });

    const condition = pairValue(model, step.ifPair);
    if (condition) collectConditionValues(model, condition, step, uses);

    const rollback = pairValue(model, findPair(step.node, 'rollbackEnabled'));
    if (isScalar(rollback) && typeof rollback.value === 'string' && rollback.value.trim().startsWith('$')) {
      const path = rollback.value.trim();
      uses.push({ path, range: rangeWithin(model, rollback, path), where: 'rollback', step, expected: 'boolean', subject: '`rollbackEnabled`' });
    }
  }

  for (const output of model.outputs) {
    const value = pairValue(model, output.valuePair);
    if (!isScalar(value) || typeof value.value !== 'string') continue;
    const subject = `output \`${output.name ?? output.index + 1}\``;
    if (value.value.trim().startsWith('$') && !value.value.includes('{{')) {
      const path = value.value.trim();
      uses.push({ path, range: rangeWithin(model, value, path), where: 'output', subject });
    }
    uses.push(...interpolations(model, value, 'output', undefined, subject));
  }
  return uses;
}

/** `{{ $... }}` inside a scalar, located in its source text so each gets its own range. */
function interpolations(model: WorkflowModel, node: Scalar, where: ReferenceUse['where'], step: WorkflowStep | undefined, subject: string): ReferenceUse[] {
  if (typeof node.value !== 'string' || !node.value.includes('{{') || !node.range) return [];
  const offset = node.range[0];
  const source = model.parsed.text.slice(offset, node.range[1]);
  return findInterpolations(source).map((found) => ({
    path: found.path,
    range: model.lines.range(offset + found.start, offset + found.end),
    where,
    step,
    expected: 'text' as const,
    subject,
  }));
}

/** `value` operands of the comparisons anywhere in an `if` tree. */
function collectConditionValues(model: WorkflowModel, raw: Node, step: WorkflowStep, uses: ReferenceUse[]): void {
  const node = resolve(raw, model.doc);
  if (isSeq(node)) {
    for (const item of node.items) collectConditionValues(model, item as Node, step, uses);
    return;
  }
  if (!isMap(node)) return;
  // The first operator owns `value`; a second one is an error of the conditions rule.
  const operator = node.items.map((p) => COMPARISON_BY_NAME.get(keyText(p) ?? '')).find((o) => o !== undefined);
  const value = operator ? pairValue(model, findPair(node, 'value')) : undefined;
  if (operator && isScalar(value) && typeof value.value === 'string' && value.value.trim().startsWith('$')) {
    const path = value.value.trim();
    const expected: Expected = operator.operand === 'string' ? 'scalar' : operator.operand;
    uses.push({ path, range: rangeWithin(model, value, path), where: 'condition', step, expected, subject: `the \`value\` of \`${operator.name}\`` });
  }
  for (const pair of node.items) {
    const key = keyText(pair);
    if (key === 'and' || key === 'or' || key === 'not') collectConditionValues(model, pair.value as Node, step, uses);
  }
}
