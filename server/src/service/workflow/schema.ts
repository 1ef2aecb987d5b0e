/**
 * Builds the workflow JSON Schemas from the action table (spec A and B): one for the union of
 * all types and one per type that allows exactly that type's actions (B.1), each usable alone.
 * The committed files in schemas/ are this module's output; a test keeps them in step.
 */
import type { JSONSchema } from '../shared/jsonSchema';
import type { WorkflowActionSpec, WorkflowType } from '../shared/knowledge';
import { WORKFLOW_ACTIONS } from './actions';
import { BRANCHING_OPERATORS, MAX_BRANCH_ITEMS, MAX_CONDITION_DEPTH, NUMERIC_STRING, WORKFLOW_COMPARISONS, type OperandKind } from './conditions';

export const WORKFLOW_TYPES: readonly WorkflowType[] = ['BUILD', 'TEST', 'DISTRIBUTION'];
export const WORKFLOW_PARAMETER_TYPES = ['string', 'integer', 'boolean', 'stringList'] as const;
export const WORKFLOW_ON_FAILURE = ['Abort', 'Continue'] as const;
export const MAX_STEPS = 15;

/** F2: the union of the document-structure page (3-128, letters, digits, `_`) and the API pattern. */
export const STEP_NAME_UNION = '^(?:[A-Za-z0-9_]{3,128}|[A-Za-z][A-Za-z0-9_-]{1,99})$';
/** F2: what both sources accept. */
export const STEP_NAME_SAFE = '^[A-Za-z][A-Za-z0-9_]{2,99}$';

export function workflowSchemaFile(type?: WorkflowType): string {
  return type ? `schemas/workflow-${type.toLowerCase()}.schema.json` : 'schemas/workflow.schema.json';
}

const ref = (name: string): JSONSchema => ({ $ref: `#/definitions/${name}` });
const CHAINED = (key: string) => `${key}.$`;

/** A `{{ $.path }}` interpolation inside text: any string input may hold one. */
const REFERENCE: JSONSchema = {
  type: 'string',
  pattern: '\\{\\{\\s*\\$[^{}]*\\}\\}',
  description: 'Text holding a `{{ $.path }}` interpolation, resolved when the workflow runs.',
};

const JSON_PATH: JSONSchema = {
  type: 'string',
  pattern: '^\\$',
  description: 'A JSONPath resolved when the workflow runs: `$.parameters.<name>`, `$.stepOutputs.<step>.<output>`, `$.workflowOutputs.<name>` or `$.imagebuilder.<variable>`.',
};

/**
 * A literal input value. Strings restricted by an enum or pattern may instead interpolate
 * (`{{ $... }}` yields text); other types may not, they take a reference through `key.$`.
 */
function literalValue(schema: JSONSchema): JSONSchema {
  if (schema.type === 'string' && (schema.enum || schema.pattern)) {
    const { description, default: fallback, ...literal } = schema;
    const out: JSONSchema = { anyOf: [literal, ref('reference')] };
    if (description) out.description = description;
    if (fallback !== undefined) out.default = fallback;
    return out;
  }
  return schema;
}

/**
 * The value of `key.$`: a JSONPath; for list inputs also a list of JSONPaths; for text inputs
 * also text with `{{ $... }}` (F5: the step-functions sample writes `input.$: |` that way).
 * Described from the plain key (a free-form map's `key.$` has no name to give, hence `key?`).
 */
function chainedValue(schema: JSONSchema | undefined, key?: string): JSONSchema {
  const listy = schema?.type === 'array' || schema?.then?.type === 'array';
  const path = listy ? { anyOf: [ref('jsonPath'), ref('jsonPathList')] }
    : schema?.type === 'string' ? { anyOf: [ref('jsonPath'), ref('reference')] }
    : ref('jsonPath');
  const form = `JSONPath form of ${key ? `\`${key}\`` : 'a map value'}, resolved when the workflow runs`;
  return { description: schema?.description ? `${form}: ${schema.description}` : `${form}.`, ...path };
}

/** Adds the chained form `key.$` of every key, at every level of nested objects. */
function chainable(schema: JSONSchema): JSONSchema {
  if (schema.anyOf) return { ...schema, anyOf: schema.anyOf.map(chainable) };
  if (schema.if && schema.then && schema.else) return { ...schema, then: chainable(schema.then), else: chainable(schema.else) };
  if (schema.type === 'array' && schema.items) return { ...schema, items: chainable(schema.items) };
  if (schema.type !== 'object') return literalValue(schema);

  const out: JSONSchema = { ...schema };
  if (schema.properties) {
    const properties: Record<string, JSONSchema> = {};
    for (const [key, value] of Object.entries(schema.properties)) {
      properties[key] = chainable(value);
      properties[CHAINED(key)] = chainedValue(value, key);
    }
    out.properties = properties;
  }
  if (schema.required?.length) {
    delete out.required;
    out.allOf = schema.required.map(requireEither);
  }
  if (typeof schema.additionalProperties === 'object') {
    // Free-form maps (amiTags, RunCommand parameters): any key, and any key written `key.$`.
    out.patternProperties = { '\\.\\$$': chainedValue(schema.additionalProperties) };
    out.additionalProperties = chainable(schema.additionalProperties);
  }
  return out;
}

/** A required key may be given literally or chained; the mapper words it "needs `k` or `k.$`". */
function requireEither(key: string): JSONSchema {
  return { anyOf: [{ required: [key] }, { required: [CHAINED(key)] }] };
}

function actionInputsSchema(action: WorkflowActionSpec): JSONSchema {
  const chainedOnly = new Set(action.chainedOnly ?? []);
  const properties: Record<string, JSONSchema> = {};
  const requirements: JSONSchema[] = [];
  for (const input of action.inputs) {
    const described: JSONSchema = { description: input.description, ...input.schema };
    if (input.default !== undefined) described.default = input.default;
    if (chainedOnly.has(input.name)) {
      // `distributedImages.$` only: the input's own schema already describes the JSONPath.
      properties[CHAINED(input.name)] = described;
      if (input.required) requirements.push({ required: [CHAINED(input.name)] });
      continue;
    }
    properties[input.name] = chainable(described);
    properties[CHAINED(input.name)] = chainedValue(described, input.name);
    if (input.required) requirements.push(requireEither(input.name));
  }
  const schema: JSONSchema = {
    description: `Inputs of ${action.name}. Example:\n${action.example}`,
    type: 'object',
    properties,
    additionalProperties: false,
  };
  if (requirements.length) schema.allOf = requirements;
  return schema;
}

function operandSchema(kind: OperandKind, side: 'operator' | 'value'): JSONSchema {
  const literal: JSONSchema =
    kind === 'boolean' ? { type: 'boolean' }
    : kind === 'number' ? { type: ['number', 'string'], pattern: NUMERIC_STRING }
    : { type: ['string', 'number', 'boolean'] };
  // The `value` side may be a JSONPath; text comparisons accept it as text anyway.
  if (side === 'value' && kind !== 'string') return { anyOf: [literal, ref('jsonPath')] };
  return literal;
}

/** One definition per nesting level, so the depth limit of A.7 is part of the schema. */
function conditionDefinitions(): Record<string, JSONSchema> {
  const definitions: Record<string, JSONSchema> = {};
  for (let level = 1; level <= MAX_CONDITION_DEPTH; level++) {
    const branches: JSONSchema[] = WORKFLOW_COMPARISONS.map((operator) => ({
      type: 'object',
      properties: {
        [operator.name]: { description: operator.description, ...operandSchema(operator.operand, 'operator') },
        value: { description: 'The operand compared with the operator\'s value: a literal or a `$.` JSONPath.', ...operandSchema(operator.operand, 'value') },
      },
      required: [operator.name, 'value'],
      additionalProperties: false,
    }));
    if (level < MAX_CONDITION_DEPTH) {
      const child = ref(`condition${level + 1}`);
      for (const name of BRANCHING_OPERATORS) {
        const description = name === 'and' ? 'True when every item is true; stops at the first false.' : 'True when any item is true; stops at the first true.';
        branches.push({
          type: 'object',
          properties: { [name]: { description, type: 'array', minItems: 1, maxItems: MAX_BRANCH_ITEMS, items: child } },
          required: [name],
          additionalProperties: false,
        });
      }
      branches.push({
        type: 'object',
        properties: { not: { description: 'Negates one condition (a mapping, or a list of one item).', anyOf: [child, { type: 'array', minItems: 1, maxItems: 1, items: child }] } },
        required: ['not'],
        additionalProperties: false,
      });
    }
    definitions[`condition${level}`] = {
      description: 'One comparison (an operator with `value`) or one `and` / `or` / `not`.',
      oneOf: branches,
    };
  }
  return definitions;
}

function parameterSchema(): JSONSchema {
  const defaults: Record<(typeof WORKFLOW_PARAMETER_TYPES)[number], JSONSchema> = {
    string: { type: 'string' },
    integer: { type: 'integer' },
    boolean: { type: 'boolean' },
    stringList: { type: 'array', items: { type: 'string' } },
  };
  return {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 128, description: 'Referenced as `$.parameters.<name>`.' },
      type: { enum: [...WORKFLOW_PARAMETER_TYPES], description: 'Type of the value; without it the parameter is a string that must be given at run time.' },
      default: { description: 'Used when the pipeline or image gives no value; of the declared type.' },
      description: { type: 'string', maxLength: 1024, description: 'What the parameter is for.' },
    },
    allOf: [
      ...WORKFLOW_PARAMETER_TYPES.map((type): JSONSchema => ({
        if: { type: 'object', properties: { type: { const: type } }, required: ['type'] },
        then: { type: 'object', properties: { default: defaults[type] } },
      })),
      // S4: without a type the parameter is a string.
      { if: { type: 'object', not: { required: ['type'] } }, then: { type: 'object', properties: { default: defaults.string } } },
    ],
  };
}

function stepSchema(actions: readonly WorkflowActionSpec[], type: WorkflowType | undefined): JSONSchema {
  const perAction: JSONSchema[] = actions.map((action) => {
    const then: JSONSchema = {
      type: 'object',
      properties: {
        inputs: ref(`inputs.${action.name}`),
        timeoutSeconds: { type: 'integer', maximum: action.maxTimeoutSeconds },
      },
    };
    if (action.inputs.some((i) => i.required)) then.required = ['inputs'];
    return { if: { type: 'object', properties: { action: { const: action.name } }, required: ['action'] }, then };
  });
  return {
    type: 'object',
    required: ['name', 'action'],
    additionalProperties: false,
    properties: {
      name: {
        type: 'string',
        pattern: STEP_NAME_UNION,
        description: 'Step name, unique in the document: 3 to 100 letters, digits or `_`, starting with a letter, is safe everywhere.',
      },
      action: {
        enum: actions.map((a) => a.name),
        description: type ? `The step action; a ${type} workflow may use ${actions.length} actions.` : 'The step action.',
      },
      description: { type: 'string', minLength: 1, maxLength: 1024, description: 'What the step does.' },
      inputs: { type: 'object', description: 'Inputs of the action; write `key.$` with a JSONPath to pass a reference.' },
      onFailure: { enum: [...WORKFLOW_ON_FAILURE], description: '`Abort` (default) fails the workflow and rolls back; `Continue` runs the next steps.' },
      rollbackEnabled: { anyOf: [{ type: 'boolean' }, ref('jsonPath')], description: 'Whether the step rolls back on failure (default `true`); a literal or a `$.` JSONPath.' },
      timeoutSeconds: { type: 'integer', minimum: 1, description: 'Seconds before the step fails; each action has its own default and maximum.' },
      if: {
        description: 'Runs the step only when the condition holds: one statement (a mapping or a one-item list).',
        anyOf: [ref('condition1'), { type: 'array', minItems: 1, maxItems: 1, items: ref('condition1') }],
      },
    },
    allOf: perAction,
  };
}

export function buildWorkflowSchema(type?: WorkflowType): JSONSchema {
  const actions = type ? WORKFLOW_ACTIONS.filter((a) => a.types.includes(type)) : WORKFLOW_ACTIONS;
  const inputDefinitions: Record<string, JSONSchema> = {};
  for (const action of actions) inputDefinitions[`inputs.${action.name}`] = actionInputsSchema(action);
  const kind = type ? `${type} workflow` : 'workflow (BUILD, TEST or DISTRIBUTION)';

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://imagebuilder-yaml.dev/${workflowSchemaFile(type)}`,
    title: `EC2 Image Builder ${kind} document`,
    description: `An image workflow document: up to ${MAX_STEPS} steps, each running a step action${type ? ` allowed in ${type} workflows` : ''}.`,
    type: 'object',
    required: ['schemaVersion', 'steps'],
    additionalProperties: false,
    properties: {
      name: { type: ['string', 'number'], description: 'Name of the document (informational; the workflow name is given to CreateWorkflow).' },
      description: { type: ['string', 'number'], description: 'What the workflow does.' },
      schemaVersion: { enum: [1, '1.0'], description: 'Version of the document schema: `1.0` (YAML reads an unquoted `1.0` as the number 1).' },
      parameters: { type: 'array', items: ref('parameter'), description: 'Values the pipeline or image passes in; referenced as `$.parameters.<name>`.' },
      steps: { type: 'array', minItems: 1, maxItems: MAX_STEPS, items: ref('step'), description: `Steps run in document order; at most ${MAX_STEPS}.` },
      outputs: { type: 'array', items: ref('output'), description: 'Values later workflows read as `$.workflowOutputs.<name>`.' },
    },
    definitions: {
      reference: REFERENCE,
      jsonPath: JSON_PATH,
      jsonPathList: { type: 'array', items: ref('jsonPath'), description: 'A list of JSONPaths, resolved one by one.' },
      parameter: parameterSchema(),
      output: {
        type: 'object',
        required: ['name', 'value'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, description: 'Unique across all workflows of the image build; read as `$.workflowOutputs.<name>`.' },
          value: { type: 'string', description: 'Usually a reference such as `$.stepOutputs.CreateOutputAMI.imageId`.' },
        },
      },
      step: stepSchema(actions, type),
      ...conditionDefinitions(),
      ...inputDefinitions,
    },
  };
}
