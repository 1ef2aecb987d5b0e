/**
 * Values at the cursor: action names (with their platforms or workflow types), the enum values
 * and booleans of the schema (`onFailure`, `schemaVersion`, parameter `type`, `waitFor`,
 * `overwrite` ...), phase names, and an input's documented default and example value.
 */
import { COMPONENT_ACTIONS } from '../component/actions';
import { RUNNABLE_PHASES } from '../component/model';
import type { PathSegment } from '../cursor';
import type { ComponentActionSpec, WorkflowActionSpec } from '../shared/knowledge';
import { schemasAt, valuesOf, descriptionOf } from '../shared/schemaNav';
import { WORKFLOW_ACTIONS } from '../workflow/actions';
import type { JSONSchema } from '../shared/jsonSchema';
import { exampleInputs, inputSpec, inputsPlaceOf } from './inputs';
import { fitSiblings } from './keys';
import { CompletionItemKind, firstSentence, yamlScalar, type CompletionRequest, type ItemList } from './items';
import { completeJsonPathRoots } from './references';

/**
 * `path` leads to the value (`[..., key]`) or, for a list of scalars, to an item of the list.
 * `key` is the key whose value is written, when there is one.
 */
export function completeValues(request: CompletionRequest, list: ItemList, path: readonly PathSegment[], key?: string): void {
  const { root, analysis } = request;
  if (!root) return;
  const n = path.length;
  if (key === 'action' && n >= 3 && path[n - 3] === 'steps' && typeof path[n - 2] === 'number') {
    if (analysis.kind === 'component') componentActions(request, list);
    else if (analysis.kind === 'workflow') workflowActions(request, list);
    return;
  }
  if (analysis.kind === 'component' && key === 'name' && n === 3 && path[0] === 'phases') phaseNames(request, list);
  if (analysis.kind === 'workflow' && key?.endsWith('.$')) {
    completeJsonPathRoots(request, list);
    return;
  }

  const schemas = key !== undefined ? narrowedByKeys(request, path, key) : schemasAt(root, path, request.valueAt);
  const values = valuesOf(schemas);
  const description = descriptionOf(schemas);
  values.forEach((value) => {
    addValue(request, list, value, values, { detail: typeof value === 'boolean' ? 'boolean' : undefined, documentation: description, group: 1 });
  });

  // Workflow places that take a literal or a `$.` JSONPath (`rollbackEnabled`, a condition's `value`).
  const conditionValue = key === 'value' && path.includes('if');
  if (analysis.kind === 'workflow' && (conditionValue || schemas.some((s) => s.pattern === '^\\$'))) completeJsonPathRoots(request, list, 3);

  // An input's documented default and the example of the action's table.
  const place = key !== undefined ? inputsPlaceOf(request, path.slice(0, -1)) : undefined;
  const spec = place && key !== undefined ? inputSpec(place.action, key) : undefined;
  if (place && spec && key !== undefined && !key.endsWith('.$')) {
    if (spec.default !== undefined && isScalar(spec.default)) addValue(request, list, spec.default, values, { detail: 'default', documentation: spec.description, group: 2 });
    const example = exampleInputs(place.action)[key];
    if (isScalar(example)) addValue(request, list, example, values, { detail: 'example', documentation: spec.description, group: 3 });
  }
}

/**
 * The schemas of the value of `key`, from the alternatives of its mapping that fit the keys
 * written beside it: after `stringEquals:` the `value` of a string comparison, not a boolean.
 */
function narrowedByKeys(request: CompletionRequest, path: readonly PathSegment[], key: string): JSONSchema[] {
  const root = request.root!;
  const parentPath = path.slice(0, -1);
  const all = schemasAt(root, parentPath, request.valueAt);
  const fitting = fitSiblings(all, [...request.cursor.siblings, key]);
  if (request.cursor.siblings.length === 0 || fitting.length === all.length) return schemasAt(root, path, request.valueAt);
  // The parent's alternatives are already flattened: read the key's own schema in each.
  const own = fitting.filter((schema) => schema.properties?.[key]);
  if (own.length === 0) return schemasAt(root, path, request.valueAt);
  const valueAt = (p: readonly PathSegment[]) => request.valueAt([...path, ...p]);
  return own.flatMap((schema) => schemasAt({ ...schema.properties![key], definitions: root.definitions }, [], valueAt));
}

interface ValueOptions {
  detail?: string;
  documentation?: string;
  group: number;
}

function addValue(request: CompletionRequest, list: ItemList, value: unknown, accepted: readonly unknown[], options: ValueOptions): void {
  const { cursor } = request;
  const text = yamlScalar(value, cursor.quote, accepted);
  // Whitespace values (`delimiter`) are shown escaped: `"\t"`, `" "`.
  const label = typeof value !== 'string' ? String(value) : /^\s*$|[\n\t]/.test(value) ? JSON.stringify(value) : value;
  list.add(label, (cursor.needsSpace ? ' ' : '') + text, {
    kind: typeof value === 'boolean' ? CompletionItemKind.Keyword : CompletionItemKind.EnumMember,
    group: options.group,
    detail: options.detail,
    documentation: options.documentation,
    filterText: cursor.quote ? label : text,
  });
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Component action modules; on a known platform, modules it does not support go last, marked. */
function componentActions(request: CompletionRequest, list: ItemList): void {
  const platform = request.analysis.platform;
  const supported = (a: ComponentActionSpec) => !platform || a.platforms.includes(platform);
  const ordered = [...COMPONENT_ACTIONS.filter(supported), ...COMPONENT_ACTIONS.filter((a) => !supported(a))];
  for (const action of ordered) {
    const ok = supported(action);
    const platforms = action.platforms.join(', ');
    addAction(request, list, action, {
      group: ok ? 1 : 8,
      labelDetail: ok ? undefined : ` (not on ${platform})`,
      detail: ok ? platforms : `${platforms}; not supported on ${platform}`,
      documentation: actionDocumentation(action, `**Platforms:** ${platforms}`),
    });
  }
}

/** Workflow step actions; when the workflow type is known, only the actions it allows. */
function workflowActions(request: CompletionRequest, list: ItemList): void {
  const type = request.analysis.workflowType;
  for (const action of WORKFLOW_ACTIONS) {
    if (type && !action.types.includes(type)) continue;
    const types = action.types.join(', ');
    addAction(request, list, action, {
      group: 1,
      detail: types,
      documentation: actionDocumentation(action, `**Workflow types:** ${types}`),
    });
  }
}

function addAction(request: CompletionRequest, list: ItemList, action: ComponentActionSpec | WorkflowActionSpec, options: { group: number; detail: string; documentation: string; labelDetail?: string }): void {
  const { cursor } = request;
  list.add(action.name, (cursor.needsSpace ? ' ' : '') + action.name, {
    kind: CompletionItemKind.Function,
    group: options.group,
    detail: options.detail,
    labelDetail: options.labelDetail,
    labelDescription: firstSentence(action.description),
    documentation: options.documentation,
    filterText: action.name,
  });
}

function actionDocumentation(action: ComponentActionSpec | WorkflowActionSpec, where: string): string {
  const inputs = action.inputs.map((i) => `- \`${i.name}\`${i.required ? ' (required)' : ''}${i.default !== undefined ? `, default \`${yamlScalar(i.default)}\`` : ''}`);
  const outputs = action.outputs.map((o) => `\`${o.name}\``);
  return [
    action.description,
    where,
    inputs.length ? `**Inputs:**\n${inputs.join('\n')}` : undefined,
    outputs.length ? `**Outputs:** ${outputs.join(', ')}` : undefined,
  ].filter(Boolean).join('\n\n');
}

/** Phases Image Builder runs, the ones not used yet first. */
function phaseNames(request: CompletionRequest, list: ItemList): void {
  const used = new Set(request.analysis.component?.phases.map((p) => p.name) ?? []);
  for (const name of [...RUNNABLE_PHASES, 'container-host-test']) {
    addValue(request, list, name, [], {
      group: used.has(name) ? 6 : 1,
      detail: name === 'container-host-test' ? 'container recipes' : 'run by Image Builder',
    });
  }
}
