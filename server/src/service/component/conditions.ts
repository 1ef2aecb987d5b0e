/** Comparison and logical operators of AWSTOE conditionals and Assert (spec 6.2, 6.3). */

export interface ComparisonOperator {
  name: string;
  /** The companion key the operator needs: `value`, `path`, or none (unary). */
  companion: 'value' | 'path' | null;
  operand: 'string' | 'number' | 'pattern' | 'hash' | 'path' | 'program';
  description: string;
}

const op = (name: string, companion: ComparisonOperator['companion'], operand: ComparisonOperator['operand'], description: string): ComparisonOperator =>
  ({ name, companion, operand, description });

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = [
  op('stringIsEmpty', null, 'string', 'True when the string has no characters (a single space is not empty).'),
  op('stringIsWhitespace', null, 'string', 'True when the string is not empty and holds only spaces.'),
  op('stringEquals', 'value', 'string', 'True when `value` equals the operand (case-insensitive, no trimming).'),
  op('stringLessThan', 'value', 'string', 'Compares `value` with the operand as strings (case-insensitive).'),
  op('stringLessThanEquals', 'value', 'string', 'Compares `value` with the operand as strings (case-insensitive).'),
  op('stringGreaterThan', 'value', 'string', 'Compares `value` with the operand as strings (case-insensitive).'),
  op('stringGreaterThanEquals', 'value', 'string', 'Compares `value` with the operand as strings (case-insensitive).'),
  op('patternMatches', 'value', 'pattern', 'True when `value` matches the operand, an RE2 regular expression (no look-around, no backreferences).'),
  op('numberEquals', 'value', 'number', 'True when `value` equals the operand as a number.'),
  op('numberLessThan', 'value', 'number', 'Compares `value` with the operand as numbers (e.g. operand 2, value 1 is true).'),
  op('numberLessThanEquals', 'value', 'number', 'Compares `value` with the operand as numbers.'),
  op('numberGreaterThan', 'value', 'number', 'Compares `value` with the operand as numbers (e.g. operand 1, value 2 is true).'),
  op('numberGreaterThanEquals', 'value', 'number', 'Compares `value` with the operand as numbers.'),
  op('binaryExists', null, 'program', 'True when the program is found on the PATH.'),
  op('fileExists', null, 'path', 'True when the path exists and is a file.'),
  op('folderExists', null, 'path', 'True when the path exists and is a folder.'),
  op('fileMD5Equals', 'path', 'hash', 'True when the MD5 hash of the file at `path` equals the operand.'),
  op('fileSHA1Equals', 'path', 'hash', 'True when the SHA1 hash of the file at `path` equals the operand.'),
  op('fileSHA256Equals', 'path', 'hash', 'True when the SHA256 hash of the file at `path` equals the operand.'),
  op('fileSHA512Equals', 'path', 'hash', 'True when the SHA512 hash of the file at `path` equals the operand.'),
];

export const LOGICAL_OPERATORS = ['and', 'or', 'not'] as const;

/** `then` / `else` of a step's `if` (spec 6.1). */
export const CONDITION_ACTIONS = ['Abort', 'Execute', 'Skip'] as const;

/** Conditional expressions may nest at most this many levels (spec 6.1, L33). */
export const MAX_CONDITION_DEPTH = 4;

export const COMPARISON_BY_NAME = new Map(COMPARISON_OPERATORS.map((o) => [o.name, o]));
