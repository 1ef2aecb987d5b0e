/**
 * Shapes of the facts the service knows about action modules and step actions.
 * The JSON Schemas in `schemas/`, hover text, completion and the semantic rules are all
 * generated from tables of these shapes, so each fact is written down once.
 */
import type { JSONSchema } from './jsonSchema';

export type Platform = 'Linux' | 'Windows' | 'macOS';
export type WorkflowType = 'BUILD' | 'TEST' | 'DISTRIBUTION';

/** One input key of an action module or a step action. */
export interface InputSpec {
  /** Key as written in the document, e.g. `destination`. */
  name: string;
  /** One or two sentences for a person: what the value is, with its default. */
  description: string;
  required?: boolean;
  /**
   * JSON Schema (draft-07) of the value, written for the literal value only.
   * The schema generator adds the `{{ reference }}` / `$.path` alternatives itself,
   * so do not add them here. Nested objects list their own keys with `properties`,
   * `required` and `additionalProperties: false`.
   */
  schema: JSONSchema;
  /** Documented default, shown in hover and completion. */
  default?: unknown;
}

/** One output an action produces, addressable by chaining / `$.stepOutputs`. */
export interface OutputSpec {
  name: string;
  description: string;
  /** JSON type of the output value, used to check what a reference may feed. */
  type: 'string' | 'integer' | 'boolean' | 'list' | 'object';
}

/** An AWSTOE action module (component documents). */
export interface ComponentActionSpec {
  name: string;
  description: string;
  /** Platforms the module really supports (the body text wins over headings, spec 7.0). */
  platforms: Platform[];
  /**
   * `object`: `inputs` is one mapping; `list`: a list of mappings, one per operation;
   * `condition`: a conditional expression (Assert).
   */
  inputsShape: 'object' | 'list' | 'condition';
  /** Whether a step using the module must have `inputs` at all. */
  inputsRequired: boolean;
  /** Input keys (of the mapping, or of each list item). Empty for `condition`. */
  inputs: InputSpec[];
  /** Input keys not supported on Windows (module errors there), spec L16. */
  notOnWindows?: string[];
  outputs: OutputSpec[];
  /** A short YAML example of the `inputs` value, used in messages and completion. */
  example: string;
  /** The module's section of the AWS documentation page (spec 0, UG-ACT), linked from hover. */
  docs?: string;
}

/** A step action of image workflow documents. */
export interface WorkflowActionSpec {
  name: string;
  description: string;
  /** Workflow types that may use the action (spec B.1). */
  types: WorkflowType[];
  /** Default and maximum `timeoutSeconds` (spec B.3). */
  defaultTimeoutSeconds: number;
  maxTimeoutSeconds: number;
  /** Input keys. A key may also be written `<key>.$` with a JSONPath value. */
  inputs: InputSpec[];
  /** Keys accepted only in chained form (`distributedImages.$`). */
  chainedOnly?: string[];
  outputs: OutputSpec[];
  /** Whether the action documents a rollback. */
  rollback: boolean;
  /** Set for actions added after the November 2025 release (spec F7). */
  addedLater?: boolean;
  /** A short YAML example of the step's `inputs`, used in messages and completion. */
  example: string;
  /** The action's section of the AWS documentation page (spec S5), linked from hover. */
  docs?: string;
}
