/**
 * Builds schemas/component.schema.json from the action table, the operator table and the
 * document rules of spec sections 1-7. The committed file is this function's output; a test
 * keeps the two in step.
 */
import type { JSONSchema } from '../shared/jsonSchema';
import type { InputSpec } from '../shared/knowledge';
import { COMPONENT_ACTIONS } from './actions';
import { COMPARISON_OPERATORS, CONDITION_ACTIONS, MAX_CONDITION_DEPTH } from './conditions';

export const COMPONENT_SCHEMA_ID = 'https://imagebuilder-yaml.dev/schemas/component.schema.json';
export const NAME_PATTERN = '^[A-Za-z0-9_-]{3,128}$';
export const ON_FAILURE = ['Abort', 'Continue', 'Ignore'] as const;
export const DELIMITERS = ['.', ',', ';', ':', '\n', '\t', ' ', '-', '_'] as const;
export const PARAMETER_TYPES = ['string', 'integer', 'boolean', 'stringList'] as const;

const ref = (name: string): JSONSchema => ({ $ref: `#/definitions/${name}` });

/** A `{{ reference }}` anywhere in a string: validated by the reference rules, not as a literal. */
const REFERENCE: JSONSchema = {
  type: 'string',
  pattern: '\\{\\{[^{}]*\\}\\}',
  description: 'A string holding a `{{ variable }}` reference, resolved when the component runs.',
};

/** Text inputs also take YAML numbers and booleans: AWSTOE reads them as their text. */
function literalSchema(schema: JSONSchema): JSONSchema {
  if (schema.type === 'string' && !schema.enum && !schema.pattern) {
    return { ...schema, type: ['string', 'number', 'boolean'] };
  }
  return schema;
}

/** Scalars with a type other than free text may instead hold a reference. */
function inputValueSchema(input: InputSpec): JSONSchema {
  const literal = literalSchema(input.schema);
  const scalarTypes = ['boolean', 'integer', 'number', 'string'];
  const types = Array.isArray(literal.type) ? literal.type : [literal.type];
  const isFreeText = Array.isArray(literal.type);
  const isScalar = types.every((t) => t !== undefined && scalarTypes.includes(t));
  const base: JSONSchema = { description: input.description };
  if (input.default !== undefined) base.default = input.default;
  if (isScalar && !isFreeText) return { ...base, anyOf: [literal, ref('reference')] };
  return { ...base, ...literal };
}

function inputsObjectSchema(inputs: InputSpec[]): JSONSchema {
  const properties: Record<string, JSONSchema> = {};
  for (const input of inputs) properties[input.name] = inputValueSchema(input);
  const required = inputs.filter((i) => i.required).map((i) => i.name);
  const schema: JSONSchema = { type: 'object', properties, additionalProperties: false };
  if (required.length) schema.required = required;
  return schema;
}

function actionInputsSchema(actionName: string): JSONSchema {
  const action = COMPONENT_ACTIONS.find((a) => a.name === actionName)!;
  const description = `Inputs of ${action.name}. Example:\n${action.example}`;
  if (action.inputsShape === 'condition') return { description, ...ref('condition1') };
  const object = inputsObjectSchema(action.inputs);
  if (action.inputsShape === 'list') {
    return { description: `${description}\n(a list: one item per operation)`, type: 'array', minItems: 1, items: object };
  }
  return { description, ...object };
}

/**
 * Conditions are generated per nesting level, so the depth limit of 4 (L33) is part of the
 * schema: level 4 offers comparisons only.
 */
function conditionDefinitions(): Record<string, JSONSchema> {
  const definitions: Record<string, JSONSchema> = {};
  for (let level = 1; level <= MAX_CONDITION_DEPTH; level++) {
    for (const withBranches of level === 1 ? [false, true] : [false]) {
      const branches: JSONSchema[] = [];
      const extra: Record<string, JSONSchema> = withBranches
        ? {
            then: { description: 'What to do when the expression is true (default: run the step).', enum: [...CONDITION_ACTIONS] },
            else: { description: 'What to do when the expression is false (default: skip the step).', enum: [...CONDITION_ACTIONS] },
          }
        : {};
      for (const operator of COMPARISON_OPERATORS) {
        const properties: Record<string, JSONSchema> = {
          [operator.name]: {
            description: operator.description,
            type: operator.operand === 'number' ? ['number', 'string'] : ['string', 'number', 'boolean'],
          },
          ...extra,
        };
        const required = [operator.name];
        if (operator.companion) {
          properties[operator.companion] = {
            description: operator.companion === 'value' ? 'The value compared with the operand; may be a `{{ reference }}`.' : 'Path of the file whose hash is compared.',
            type: ['string', 'number', 'boolean'],
          };
          required.push(operator.companion);
        }
        branches.push({ type: 'object', properties, required, additionalProperties: false });
      }
      if (level < MAX_CONDITION_DEPTH) {
        const child = ref(`condition${level + 1}`);
        const list: JSONSchema = { type: 'array', minItems: 1, items: child };
        branches.push(
          { type: 'object', properties: { and: { description: 'True when every item is true; stops at the first false.', ...list }, ...extra }, required: ['and'], additionalProperties: false },
          { type: 'object', properties: { or: { description: 'True when any item is true; stops at the first true.', ...list }, ...extra }, required: ['or'], additionalProperties: false },
          {
            type: 'object',
            properties: {
              not: { description: 'Negates one expression (a mapping, or a list of one item).', anyOf: [child, { type: 'array', minItems: 1, maxItems: 1, items: child }] },
              ...extra,
            },
            required: ['not'],
            additionalProperties: false,
          },
        );
      }
      const name = withBranches ? 'stepCondition' : `condition${level}`;
      definitions[name] = {
        description: withBranches
          ? 'Runs the step only when the expression holds: exactly one comparison or logical operator, optionally with `then` / `else`.'
          : 'A conditional expression: exactly one comparison operator (with its companion key) or one logical operator.',
        oneOf: branches,
      };
    }
  }
  return definitions;
}

export function buildComponentSchema(): JSONSchema {
  const actionNames = COMPONENT_ACTIONS.map((a) => a.name);
  const perAction: JSONSchema[] = COMPONENT_ACTIONS.map((action) => {
    const then: JSONSchema = { properties: { inputs: ref(`inputs.${action.name}`) } };
    if (action.inputsRequired) then.required = ['inputs'];
    return { if: { properties: { action: { const: action.name } }, required: ['action'] }, then };
  });
  const inputDefinitions: Record<string, JSONSchema> = {};
  for (const action of COMPONENT_ACTIONS) inputDefinitions[`inputs.${action.name}`] = actionInputsSchema(action.name);

  const disableLogging: JSONSchema = { type: 'boolean', description: 'Set to `true` to keep this scope out of the logs (for steps that handle secrets).' };

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: COMPONENT_SCHEMA_ID,
    title: 'EC2 Image Builder component document (AWSTOE)',
    description: 'A component document: phases of steps, each running an action module.',
    type: 'object',
    required: ['schemaVersion', 'phases'],
    additionalProperties: false,
    properties: {
      name: { type: ['string', 'number'], description: 'Name of the document (not the component name given to CreateComponent).' },
      description: { type: ['string', 'number'], description: 'What the document does.' },
      schemaVersion: {
        description: 'Version of the document schema; only 1.0 is supported (`1.0`, `"1.0"`, `1` and `"1"` are accepted).',
        enum: ['1.0', '1', 1],
      },
      parameters: {
        description: 'Values a recipe or `awstoe run --parameters` supplies; referenced as `{{ Name }}`.',
        type: 'array',
        items: { type: 'object', minProperties: 1, maxProperties: 1, propertyNames: ref('variableName'), additionalProperties: ref('parameter') },
      },
      constants: {
        description: 'Fixed values referenced as `{{ Name }}`; they cannot be overridden.',
        type: 'array',
        items: { type: 'object', minProperties: 1, maxProperties: 1, propertyNames: ref('variableName'), additionalProperties: ref('constant') },
      },
      phases: { description: 'Phases run in document order; Image Builder runs `build`, `validate`, `test` and `container-host-test`.', type: 'array', minItems: 1, items: ref('phase') },
      disableLogging,
    },
    definitions: {
      reference: REFERENCE,
      variableName: { type: 'string', pattern: NAME_PATTERN, description: '3 to 128 letters, digits, `-` or `_`.' },
      parameter: {
        type: 'object',
        required: ['type'],
        additionalProperties: false,
        properties: {
          type: { enum: [...PARAMETER_TYPES], description: 'Only `string` is documented for component parameters.' },
          default: { type: ['string', 'number', 'boolean'], description: 'Used when the caller supplies no value; without it the parameter is required.' },
          description: { type: 'string', minLength: 1, maxLength: 1024, description: 'What the parameter is for.' },
        },
      },
      constant: {
        type: 'object',
        required: ['type', 'value'],
        additionalProperties: false,
        properties: {
          type: { const: 'string', description: 'Constants are strings.' },
          value: { type: ['string', 'number', 'boolean'], description: 'The constant\'s value.' },
        },
      },
      phase: {
        type: 'object',
        required: ['name', 'steps'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: NAME_PATTERN, description: 'Phase name: `build`, `validate`, `test` or `container-host-test` are run by Image Builder.' },
          steps: { type: 'array', items: ref('step'), description: 'Steps run one after another in list order.' },
          disableLogging,
        },
      },
      step: {
        type: 'object',
        required: ['name', 'action'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', pattern: NAME_PATTERN, description: 'Step name, unique in its phase: 3 to 128 letters, digits, `-` or `_`.' },
          action: { enum: actionNames, description: 'The action module the step runs.' },
          inputs: { description: 'Inputs of the action module: a mapping or a list, depending on the module.' },
          timeoutSeconds: { type: 'integer', minimum: -1, not: { const: 0 }, description: 'Seconds before the step fails; `-1` for no timeout (default 7200).' },
          onFailure: { enum: [...ON_FAILURE], description: '`Abort` (default) stops, `Continue` runs the next step but fails the phase, `Ignore` counts the failure as success.' },
          maxAttempts: { type: 'integer', minimum: 1, description: 'Attempts before the step fails (default 1).' },
          if: ref('stepCondition'),
          loop: ref('loop'),
          disableLogging,
        },
        allOf: perAction,
      },
      loop: {
        description: 'Runs the step once per iteration: exactly one of `for` or `forEach`.',
        type: 'object',
        additionalProperties: false,
        properties: {
          name: { type: 'string', description: 'Name of the loop, so its `{{ name.value }}` and `{{ name.index }}` can be referenced; unique in the phase.' },
          for: {
            description: 'Counts from `start` to `end` (inclusive) by `updateBy`.',
            type: 'object',
            required: ['start', 'end', 'updateBy'],
            additionalProperties: false,
            properties: {
              start: { anyOf: [{ type: 'integer' }, ref('reference')], description: 'First value.' },
              end: { anyOf: [{ type: 'integer' }, ref('reference')], description: 'Last value (inclusive).' },
              updateBy: { anyOf: [{ type: 'integer', not: { const: 0 } }, ref('reference')], description: 'Step between values; positive or negative, never 0.' },
            },
          },
          forEach: {
            description: 'A list of strings, or a delimited string with `list` and `delimiter`.',
            anyOf: [
              { type: 'array', items: { type: ['string', 'number', 'boolean'] } },
              {
                type: 'object',
                required: ['list'],
                additionalProperties: false,
                properties: {
                  list: { type: 'string', description: 'The delimited string.' },
                  delimiter: { enum: [...DELIMITERS], description: 'One character: `. , ; : \\n \\t` space `-` or `_` (default `,`).' },
                },
              },
            ],
          },
        },
        oneOf: [{ required: ['for'] }, { required: ['forEach'] }],
      },
      ...conditionDefinitions(),
      ...inputDefinitions,
    },
  };
}
