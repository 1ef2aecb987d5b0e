/**
 * Validates a parsed document against a JSON Schema with ajv; errorMapper.ts turns each ajv
 * error into a diagnostic on the exact key or value, in the document's own terms.
 */
import type { ValidateFunction } from 'ajv';
import precompiled = require('../generated/validators');
import type { ParsedDocument } from '../parse';
import type { Diagnostic } from '../types';
import { createAjv, precompiledName } from './ajv';
import { ErrorMapper, withoutKeyNameDetails } from './errorMapper';
import type { JSONSchema } from './jsonSchema';

export type Segment = string | number;

/** What the kind-specific layer tells the mapper about the document. */
export interface SchemaContext {
  /**
   * Whether a semantic rule reports errors at this place better than the schema can (e.g. the
   * conditions under a step's `if`); such schema errors are dropped. `action` is the step's.
   */
  coveredByRules: (segments: Segment[], action: string | undefined, valueAt: (segments: Segment[]) => unknown) => boolean;
  /** Wording of the document kind in messages. */
  noun: 'component' | 'workflow';
  /** A YAML example of an action's `inputs`, for messages about their shape. */
  exampleOf: (action: string) => string | undefined;
}

const compiled = new WeakMap<JSONSchema, ValidateFunction>();

/**
 * The validation function of a schema: precompiled by the build when the schema is one of
 * schemas/*.json and unchanged, compiled here (once per schema object) otherwise.
 */
export function validatorFor(schema: JSONSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    const name = schema.$id ? precompiledName(schema.$id) : undefined;
    const ready = name ? (precompiled[name] as ValidateFunction | undefined) : undefined;
    // A module older than the schema (edited without a rebuild) is not used.
    const current = ready && precompiled.sources?.[name!] === JSON.stringify(schema);
    validate = current ? ready! : createAjv().compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

export function validateAgainstSchema(parsed: ParsedDocument, schema: JSONSchema, context: SchemaContext): Diagnostic[] {
  const validate = validatorFor(schema);
  if (validate(parsed.value)) return [];
  const mapper = new ErrorMapper(parsed, context);
  const errors = withoutKeyNameDetails(validate.errors ?? []).filter((e) => e.keyword !== 'if' && !mapper.covered(e));
  return mapper.map(errors);
}
