/**
 * Typed quick-fix data, per diagnostic code. The rules attach exactly this data to their
 * diagnostics (`diagnostic()` in diagnostics.ts enforces it); quick fixes read only this data
 * and the analysis, never the message text. The data travels to the client in
 * `Diagnostic.data` and comes back in `textDocument/codeAction`, so `readFixData` checks it
 * field by field on the way in: a client may send anything.
 */

/** Keys and list indexes below a step's `inputs`, e.g. `['distributions', 0]`. */
export type InputPath = (string | number)[];

/** A value that is text only because of how it is written: `yes` for a boolean, `'30'` for a number. */
export interface LiteralData {
  literal: 'boolean' | 'number';
  /** What to write instead: `true`, `false`, `30`. */
  replacement: string;
}

export interface FixDataByCode {
  /** `replacement`: the closest action name, when there is a likely typo. */
  'unknown-action': { action: string; replacement?: string };
  /** `replacement`: the closest known key. */
  'unknown-key': { key: string; replacement?: string };
  'unknown-input': { key: string; action: string; replacement?: string };
  /**
   * Components. `replacement`: the whole `{{ ... }}` to write instead; `name`: a parameter name
   * that is declared nowhere (so one can be declared).
   */
  'undefined-reference': { replacement?: string; name?: string };
  /** Workflows. `type`: the parameter type the place of the reference expects. */
  'undefined-parameter': { name: string; type: WorkflowParameterType; replacement?: string };
  'invalid-step-output': { replacement?: string };
  /** A document output's `$.stepOutputs` path, as invalid-step-output. */
  'invalid-output': { replacement?: string };
  'invalid-chaining': { replacement?: string };
  'unknown-system-variable': { replacement?: string };
  'unknown-context-key': { key: string; replacement?: string };
  /** The value, quoted. */
  'unquoted-reference': { replacement: string };
  /**
   * Required inputs missing from the mapping at `path` below `inputs` (`where: 'inputs'`; the
   * mapping may be empty or absent), or the step has no `inputs` at all (`where: 'step'`).
   */
  'missing-input': { action: string; missing: string[]; where: 'inputs' | 'step'; path: InputPath };
  /** `replacement`: the key with `.$` added. */
  'jsonpath-without-suffix': { key: string; replacement: string };
  /** `replacement`: the key without `.$`. */
  'literal-on-chained-key': { key: string; replacement: string };
  /** `expected`: the shape the action takes, when `inputs` has the other one. */
  'inputs-shape': { action: string; expected?: 'list' | 'object' };
  'invalid-input-value': LiteralData;
  /** Or, for a workflow parameter written as in components (`- Name:` with settings under it), its name. */
  'invalid-value': LiteralData | { parameter: string };
  /** `present`: `schemaVersion` is there with a wrong value (else it is missing). */
  'schema-version': { present: boolean };
  'permissions-not-string': { replacement: string };
  'wildcard-destination': { replacement: string };
  'distributed-images-source': { replacement?: string };
  'missing-key': { missing: string };
  'parameter-type-mismatch': { name: string; type: string; expected: string };
  /** The workflow types the actions allow, for a `# imagebuilder: type=` directive. */
  'workflow-type-unknown': { candidates: WorkflowTypeName[] };
  /** Workflows: the action's largest `timeoutSeconds`, when the value is above it. */
  'invalid-timeout': { maximum: number };
  'action-not-allowed': { action: string; workflowType: WorkflowTypeName; allowed: WorkflowTypeName[] };
}

export type WorkflowParameterType = 'string' | 'integer' | 'boolean' | 'stringList';
type WorkflowTypeName = 'BUILD' | 'TEST' | 'DISTRIBUTION';

export type FixableCode = keyof FixDataByCode;

/** The data of one diagnostic, discriminated by its code. */
export type FixData = { [C in FixableCode]: { code: C } & FixDataByCode[C] }[FixableCode];

/** What `diagnostic()` accepts as data for a code: nothing for codes without fix data. */
export type DataArgument<C extends string> = C extends FixableCode ? FixDataByCode[C] : never;

// ---- Reading data that comes back from a client ----

/** A field's type; a list is an enumeration, `?` marks an optional field. */
type Field = 'string' | 'string?' | 'strings' | 'boolean' | 'count' | 'path' | readonly string[] | { optional: readonly string[] };
type Shape = Record<string, Field>;

const LITERAL: Shape = { literal: ['boolean', 'number'], replacement: 'string' };
const PARAMETER_TYPES = ['string', 'integer', 'boolean', 'stringList'] as const;

/** A code whose data comes in several forms lists each shape; the first that fits is read. */
const SHAPES: { [C in FixableCode]: Shape | Shape[] } = {
  'unknown-action': { action: 'string', replacement: 'string?' },
  'unknown-key': { key: 'string', replacement: 'string?' },
  'unknown-input': { key: 'string', action: 'string', replacement: 'string?' },
  'undefined-reference': { replacement: 'string?', name: 'string?' },
  'undefined-parameter': { name: 'string', type: PARAMETER_TYPES, replacement: 'string?' },
  'invalid-step-output': { replacement: 'string?' },
  'invalid-output': { replacement: 'string?' },
  'invalid-chaining': { replacement: 'string?' },
  'unknown-system-variable': { replacement: 'string?' },
  'unknown-context-key': { key: 'string', replacement: 'string?' },
  'unquoted-reference': { replacement: 'string' },
  'missing-input': { action: 'string', missing: 'strings', where: ['inputs', 'step'], path: 'path' },
  'jsonpath-without-suffix': { key: 'string', replacement: 'string' },
  'literal-on-chained-key': { key: 'string', replacement: 'string' },
  'inputs-shape': { action: 'string', expected: { optional: ['list', 'object'] } },
  'invalid-input-value': LITERAL,
  'invalid-value': [LITERAL, { parameter: 'string' }],
  'schema-version': { present: 'boolean' },
  'permissions-not-string': { replacement: 'string' },
  'wildcard-destination': { replacement: 'string' },
  'distributed-images-source': { replacement: 'string?' },
  'missing-key': { missing: 'string' },
  'parameter-type-mismatch': { name: 'string', type: 'string', expected: 'string' },
  'workflow-type-unknown': { candidates: 'strings' },
  'invalid-timeout': { maximum: 'count' },
  'action-not-allowed': { action: 'string', workflowType: 'string', allowed: 'strings' },
};

/** Longer strings are not names or values a fix would write. */
const MAX_STRING = 4096;

function fits(value: unknown, field: Field): boolean {
  const isString = (v: unknown) => typeof v === 'string' && v.length <= MAX_STRING;
  if (Array.isArray(field)) return typeof value === 'string' && field.includes(value);
  if (typeof field === 'object' && 'optional' in field) return value === undefined || (typeof value === 'string' && field.optional.includes(value));
  switch (field) {
    case 'string':
      return isString(value);
    case 'string?':
      return value === undefined || isString(value);
    case 'strings':
      return Array.isArray(value) && value.length > 0 && value.length <= 100 && value.every(isString);
    case 'boolean':
      return typeof value === 'boolean';
    case 'count':
      return Number.isSafeInteger(value) && (value as number) >= 0;
    case 'path':
      return Array.isArray(value) && value.length <= 50 && value.every((s) => isString(s) || (Number.isInteger(s) && (s as number) >= 0));
  }
  return false;
}

export function isFixableCode(code: unknown): code is FixableCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(SHAPES, code);
}

/**
 * The fix data of a diagnostic as a client sends it back: only when its code has fix data and
 * every field has the declared type (unknown extra fields are dropped). `undefined` otherwise.
 */
export function readFixData(code: unknown, data: unknown): FixData | undefined {
  if (!isFixableCode(code) || !data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  if (record.code !== undefined && record.code !== code) return undefined;
  const shapes = SHAPES[code];
  for (const shape of Array.isArray(shapes) ? shapes : [shapes]) {
    const out: Record<string, unknown> = { code };
    const read = Object.entries(shape).every(([name, field]) => {
      const value = record[name];
      if (value !== undefined) out[name] = value;
      return fits(value, field);
    });
    if (read) return out as FixData;
  }
  return undefined;
}

/** The workflow parameter type that fits a place expecting `expected` (see workflow/references.ts). */
export function parameterTypeFor(expected: string | undefined): WorkflowParameterType {
  switch (expected) {
    case 'integer':
    case 'number':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'stringList';
    default:
      return 'string';
  }
}
