/** Comparison and logical operators of workflow `if` conditions (spec A.7, F11, F12). */

export type OperandKind = 'boolean' | 'number' | 'string';

export interface WorkflowComparison {
  name: string;
  /** What both sides must be: the operator's own operand and the `value` key. */
  operand: OperandKind;
  description: string;
}

const op = (name: string, operand: OperandKind, description: string): WorkflowComparison => ({ name, operand, description });

export const WORKFLOW_COMPARISONS: readonly WorkflowComparison[] = [
  op('booleanEquals', 'boolean', 'True when `value` is the same Boolean as the operand.'),
  op('numberEquals', 'number', 'True when `value` equals the operand as a number (`1` equals `\'1\'`).'),
  op('numberGreaterThan', 'number', 'True when `value` is greater than the operand.'),
  op('numberGreaterThanEquals', 'number', 'True when `value` is greater than or equal to the operand.'),
  op('numberLessThan', 'number', 'True when `value` is less than the operand.'),
  op('numberLessThanEquals', 'number', 'True when `value` is less than or equal to the operand.'),
  op('stringEquals', 'string', 'True when `value` equals the operand as text (a non-string side is converted to text first).'),
];

export const COMPARISON_BY_NAME: ReadonlyMap<string, WorkflowComparison> = new Map(WORKFLOW_COMPARISONS.map((o) => [o.name, o]));

/** `and` / `or` take a list of 1 to 10 conditions, `not` exactly one. */
export const BRANCHING_OPERATORS = ['and', 'or'] as const;
export const MAX_BRANCH_ITEMS = 10;

/** Levels of nesting including the parent statement (spec A.7: parent + 3 child levels). */
export const MAX_CONDITION_DEPTH = 4;

/**
 * F11: the documented regex `^-?[0-9]+(\.)?[0-9]+$` rejects one-digit strings although `'1'`
 * is shown as valid, so any decimal number written as a string is accepted.
 */
export const NUMERIC_STRING = '^\\s*-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)\\s*$';
const NUMERIC = new RegExp(NUMERIC_STRING);

export function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && NUMERIC.test(value));
}
