/** Workflow documents: the union schema first, then the semantic rules of spec A, B and F. */
import { runRules } from '../shared/rules';
import type { ParsedDocument } from '../parse';
import type { JSONSchema } from '../shared/jsonSchema';
import { validateAgainstSchema, type Segment } from '../shared/schemaValidation';
import type { Diagnostic, WorkflowType } from '../types';
import { WORKFLOW_ACTIONS } from './actions';
import { buildWorkflowModel, type WorkflowModel } from './model';
import { buildWorkflowSchema } from './schema';
import type { WorkflowRule } from './rules/context';
import { checkStructure } from './rules/structure';
import { checkWorkflowType } from './rules/workflowType';
import { checkTimeouts } from './rules/timeouts';
import { checkInputKeys } from './rules/inputs';
import { checkChaining } from './rules/chaining';
import { checkReferences } from './rules/references';
import { checkJsonInputs } from './rules/json';
import { checkConditions } from './rules/conditions';
import { checkParameters, isComponentStyleParameter } from './rules/parameters';
import { checkOutputs } from './rules/outputs';

const RULES: WorkflowRule[] = [
  checkStructure,
  checkWorkflowType,
  checkTimeouts,
  checkInputKeys,
  checkChaining,
  checkReferences,
  checkJsonInputs,
  checkConditions,
  checkParameters,
  checkOutputs,
];

let schema: JSONSchema | undefined;
/**
 * The service always validates against the union schema, whatever the type: an action of the
 * wrong type is then reported as such (`action-not-allowed`), not as an unknown action.
 */
export function workflowSchema(): JSONSchema {
  schema ??= buildWorkflowSchema();
  return schema;
}

/**
 * Places whose schema errors the rules report better: the whole `if` tree, `action`,
 * `timeoutSeconds`, every `key.$` value in `inputs`, parameter defaults, and parameters
 * written in the component-document style.
 */
function coveredByRules(segments: Segment[], _action: string | undefined, valueAt: (segments: Segment[]) => unknown): boolean {
  if (segments[0] === 'parameters') return segments[2] === 'default' || (segments.length >= 2 && isComponentStyleParameter(valueAt(segments.slice(0, 2))));
  if (segments[0] !== 'steps' || typeof segments[1] !== 'number') return false;
  const field = segments[2];
  if (field === 'if' || field === 'action' || field === 'timeoutSeconds') return true;
  return field === 'inputs' && segments.some((s) => typeof s === 'string' && s.endsWith('.$'));
}
/** Codes the mapper gives where the rules say it better (unknown keys, step-name patterns). */
const OWNED_BY_RULES = new Set<string>(['unknown-input', 'invalid-step-name']);
const EXAMPLES = new Map(WORKFLOW_ACTIONS.map((a) => [a.name, a.example]));

export function validateWorkflow(parsed: ParsedDocument, context: { workflowType?: WorkflowType }, prebuilt?: WorkflowModel): Diagnostic[] {
  if (parsed.value === undefined) return [];
  const schemaDiagnostics = validateAgainstSchema(parsed, workflowSchema(), {
    noun: 'workflow',
    coveredByRules,
    exampleOf: (action) => EXAMPLES.get(action),
  }).filter((d) => !OWNED_BY_RULES.has(d.code));

  const model = prebuilt ?? buildWorkflowModel(parsed);
  const ruleDiagnostics = model ? runRules(RULES, model, context, parsed.lines) : [];
  return [...schemaDiagnostics, ...ruleDiagnostics];
}
