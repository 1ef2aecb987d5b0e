/**
 * Snippets for a new step: `name`, `action` and `inputs` in the action's shape with its required
 * inputs (workflow steps also `onFailure`), placeholders filled from the action's example so the
 * plain-text form is a valid step as well. Also new component parameters and constants.
 */
import { COMPONENT_ACTIONS } from '../component/actions';
import type { ComponentActionSpec, InputSpec, WorkflowActionSpec } from '../shared/knowledge';
import { WORKFLOW_ACTIONS } from '../workflow/actions';
import { readableSteps } from '../workflow/scope';
import { exampleInputs } from './inputs';
import { CompletionItemKind, SnippetBuilder, firstSentence, yamlScalar, type CompletionRequest, type ItemList } from './items';

/**
 * `dash`: the cursor is where the list item starts (a blank line in `steps`), so the snippet
 * writes `- ` itself; otherwise it continues after an existing `- `.
 */
export function completeNewStep(request: CompletionRequest, list: ItemList, dash: boolean): void {
  const { analysis, cursor } = request;
  const indent = ' '.repeat(cursor.column + (dash ? 2 : 0));
  const taken = new Set(stepNamesInScope(request));
  const uniqueName = (action: string) => {
    let name = action;
    for (let n = 2; taken.has(name); n++) name = `${action}${n}`;
    return name;
  };
  if (analysis.kind === 'component') {
    const platform = analysis.platform;
    for (const action of COMPONENT_ACTIONS) {
      if (platform && !action.platforms.includes(platform)) continue;
      const body = new SnippetBuilder().literal(dash ? '- ' : '').literal('name: ').placeholder(uniqueName(action.name)).literal(`\n${indent}action: ${action.name}`);
      componentInputs(body, action, indent);
      addStep(list, action, body, action.platforms.join(', '));
    }
  } else if (analysis.kind === 'workflow') {
    const type = analysis.workflowType;
    for (const action of WORKFLOW_ACTIONS) {
      if (type && !action.types.includes(type)) continue;
      const body = new SnippetBuilder().literal(dash ? '- ' : '').literal('name: ').placeholder(uniqueName(action.name)).literal(`\n${indent}action: ${action.name}\n${indent}onFailure: `);
      // TerminateInstance conventionally continues, so a failed clean-up does not fail the build.
      body.choice(action.name === 'TerminateInstance' ? ['Continue', 'Abort'] : ['Abort', 'Continue']);
      workflowInputs(request, body, action, indent);
      addStep(list, action, body, action.types.join(', '));
    }
  }
}

function addStep(list: ItemList, action: ComponentActionSpec | WorkflowActionSpec, body: SnippetBuilder, where: string): void {
  list.add(`New ${action.name} step`, body.final().toString(), {
    kind: CompletionItemKind.Snippet,
    group: 2,
    snippet: true,
    detail: where,
    labelDescription: firstSentence(action.description),
    documentation: `${action.description}\n\nInserts a step with its required inputs.`,
    filterText: `${action.name} step`,
  });
}

function stepNamesInScope(request: CompletionRequest): string[] {
  const { analysis, cursor } = request;
  if (analysis.kind === 'workflow') return analysis.workflow?.steps.map((s) => s.name ?? '') ?? [];
  const phaseIndex = cursor.path[1];
  return analysis.component?.phases.find((p) => p.index === phaseIndex)?.steps.map((s) => s.name ?? '') ?? [];
}

/** `inputs:` in the module's shape: a mapping, a list of operations, or a condition. */
function componentInputs(body: SnippetBuilder, action: ComponentActionSpec, indent: string): void {
  const example = exampleInputs(action);
  let keys = action.inputs.filter((i) => i.required).map((i) => i.name);
  // Modules whose inputs are one of several keys (`commands` or `file`), and conditions: the example's keys.
  if (keys.length === 0 && action.inputsRequired) keys = Object.keys(example).slice(0, action.inputsShape === 'condition' ? 2 : 1);
  if (keys.length === 0) return;
  body.literal(`\n${indent}inputs:`);
  const item = action.inputsShape === 'list';
  keys.forEach((key, index) => {
    const keyIndent = `${indent}  ${item ? '  ' : ''}`;
    body.literal(`\n${item && index === 0 ? `${indent}  - ` : keyIndent}${key}:`);
    inputValue(body, action.inputs.find((i) => i.name === key), example[key], keyIndent);
  });
}

/** Required workflow inputs; an input the example chains (`instanceId.$`) is chained to a real earlier step. */
function workflowInputs(request: CompletionRequest, body: SnippetBuilder, action: WorkflowActionSpec, indent: string): void {
  const required = action.inputs.filter((i) => i.required);
  if (required.length === 0) return;
  const example = exampleInputs(action);
  body.literal(`\n${indent}inputs:`);
  for (const input of required) {
    const chained = example[`${input.name}.$`];
    if (typeof chained === 'string' || action.chainedOnly?.includes(input.name)) {
      body.literal(`\n${indent}  ${input.name}.$: `).placeholder(yamlScalar(retarget(request, typeof chained === 'string' ? chained : '$.stepOutputs.')));
    } else {
      body.literal(`\n${indent}  ${input.name}:`);
      inputValue(body, input, example[input.name], `${indent}  `);
    }
  }
}

/** `$.stepOutputs.<Example>.<output>`, pointed at the last earlier step whose action has that output. */
function retarget(request: CompletionRequest, path: string): string {
  const match = /^\$\.stepOutputs\.([^.]+)\.(\w+)/.exec(path);
  const model = request.analysis.workflow;
  if (!match || !model) return path;
  const source = readableSteps(model, request.cursor.workflowStep).reverse().find((s) => s.spec?.outputs.some((o) => o.name === match[2]));
  return source ? path.replace(match[1], source.name!) : path;
}

/** The value of one input: a choice for enums and booleans, the example's value, or the key's name. */
function inputValue(body: SnippetBuilder, input: InputSpec | undefined, example: unknown, keyIndent: string): void {
  const schema = input?.schema ?? {};
  const choices = schema.enum ?? (schema.type === 'boolean' ? [true, false] : undefined);
  if (choices) {
    body.literal(' ').choice(choices.map((c) => yamlScalar(c)));
  } else if (schema.type === 'array' || Array.isArray(example)) {
    const first = Array.isArray(example) ? example[0] : undefined;
    body.literal(`\n${keyIndent}  - `).placeholder(first !== undefined && typeof first !== 'object' ? yamlScalar(first) : 'value');
  } else if (example !== undefined && typeof example !== 'object') {
    body.literal(' ').placeholder(yamlScalar(example));
  } else {
    body.literal(' ').placeholder(input?.name ?? 'value');
  }
}

/** A component parameter or constant in the `- Name:` form. */
export function completeNewVariable(request: CompletionRequest, list: ItemList, section: 'parameters' | 'constants'): void {
  const indent = ' '.repeat(request.cursor.column + 2);
  const body = new SnippetBuilder().placeholder(section === 'parameters' ? 'MyParameter' : 'MyConstant').literal(`:\n${indent}type: string\n${indent}`);
  if (section === 'parameters') body.literal('default: ').placeholder('value').literal(`\n${indent}description: `).placeholder('What the parameter is for.');
  else body.literal('value: ').placeholder('value');
  list.add(section === 'parameters' ? 'New parameter' : 'New constant', body.final().toString(), {
    kind: CompletionItemKind.Snippet,
    group: 1,
    snippet: true,
    detail: section === 'parameters' ? 'referenced as {{ Name }}, set by the recipe' : 'referenced as {{ Name }}, fixed',
  });
}
