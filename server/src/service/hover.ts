/**
 * Hover: what the thing under the pointer is, in Markdown, from the same tables validation
 * uses. References say what they name (the declaration, its type, default and description; a
 * chained step's action and the output's description; a system variable); keys and values say
 * what the schema says of them; an action name gets its card with inputs, outputs and a link
 * to its AWS documentation section. The range is the hovered word or reference part.
 */
import { isScalar, type Node } from 'yaml';
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { Analysis } from './analysis';
import { nodeRange } from './ast';
import { COMPARISON_BY_NAME as COMPONENT_COMPARISONS, CONDITION_ACTIONS } from './component/conditions';
import { ACTIONS_BY_NAME } from './component/model';
import { CONTEXT_KEYS } from './component/rules/references';
import { stageOf } from './component/scope';
import { componentSchema } from './component/validate';
import { nodeAt, type NodeContext, type PathSegment } from './cursor';
import type { JSONSchema } from './shared/jsonSchema';
import type { ComponentActionSpec, InputSpec, OutputSpec, WorkflowActionSpec } from './shared/knowledge';
import { offsetOf } from './shared/position';
import { descriptionOf, schemasAt } from './shared/schemaNav';
import type { Declaration, PartAt, ReferencePart, SymbolReference } from './symbols';
import type { Position, Range } from './types';
import { SYSTEM_VARIABLES } from './workflow/actions';
import { COMPARISON_BY_NAME as WORKFLOW_COMPARISONS } from './workflow/conditions';
import { WORKFLOW_ACTIONS_BY_NAME } from './workflow/model';
import { workflowSchema } from './workflow/validate';

export function hover(analysis: Analysis, position: Position): Hover | null {
  const offset = offsetOf(analysis, position);
  if (offset === undefined || analysis.kind === 'unknown') return null;
  const at = analysis.symbols.referenceAt(offset);
  const fromReference = at && once(at.part ?? at.reference, () => referenceHover(analysis, at));
  if (fromReference) return fromReference;
  const declared = analysis.symbols.declarationAt(offset);
  if (declared) return once(declared, () => markdown(declarationCard(analysis, declared), declared.nameRange));
  const node = nodeAt(analysis, offset);
  return node ? once(node.node, () => nodeHover(analysis, node)) : null;
}

/**
 * Hovers by what they describe (a reference part, a declaration, a syntax node, all owned by one
 * analysis): every position of a word gives the same hover, built once.
 */
const built = new WeakMap<object, Hover | null>();

function once(subject: object, build: () => Hover | null): Hover | null {
  let hover = built.get(subject);
  if (hover === undefined) built.set(subject, (hover = build()));
  return hover;
}

function markdown(value: string | undefined, range: Range): Hover | null {
  return value ? { contents: { kind: MarkupKind.Markdown, value }, range } : null;
}

const code = (text: string) => '```yaml\n' + text + '\n```';
const inline = (text: string) => '`' + text.replace(/`/g, "'") + '`';

// ---- declarations -------------------------------------------------------------------------

function declarationCard(analysis: Analysis, declaration: Declaration): string {
  const uses = analysis.symbols.usesOf(declaration).length;
  const used = declaration.kind === 'phase' || declaration.kind === 'output' ? '' : `\n\n${uses === 1 ? '1 reference' : `${uses} references`} in this document.`;
  return declarationText(analysis, declaration) + used;
}

function declarationText(analysis: Analysis, d: Declaration): string {
  switch (d.kind) {
    case 'parameter': {
      const lines = [code(`(parameter) ${d.name}: ${d.type ?? 'string'}`)];
      if (d.description) lines.push(d.description);
      const fallback = d.defaultValue ?? workflowDefault(analysis, d.name);
      lines.push(fallback !== undefined ? `Default: ${inline(fallback)}` : 'No default: the caller must supply a value.');
      lines.push(analysis.kind === 'workflow' ? `Referenced as ${inline(`$.parameters.${d.name}`)}.` : `Referenced as ${inline(`{{ ${d.name} }}`)}.`);
      return lines.join('\n\n');
    }
    case 'constant': {
      const lines = [code(`(constant) ${d.name}: ${d.type ?? 'string'}`)];
      if (d.description) lines.push(d.description);
      if (d.defaultValue !== undefined) lines.push(`Value: ${inline(d.defaultValue)} (cannot be overridden).`);
      return lines.join('\n\n');
    }
    case 'phase': {
      const stage = stageOf(d.name);
      const runs = stage ? `Image Builder runs it in the **${stage}** stage.` : 'Image Builder runs only `build`, `validate`, `test` and `container-host-test`; AWSTOE runs this phase when asked for it.';
      return [code(`(phase) ${d.name}`), runs].join('\n\n');
    }
    case 'step':
      return stepText(analysis, d);
    case 'loop':
      return [
        code(`(loop) ${d.name}`),
        `The loop of step ${inline(`${d.phase ?? '?'}.${stepNameAt(analysis, d.stepIndex) ?? '?'}`)}: ${inline(`{{ ${d.name}.value }}`)} is the current item, ${inline(`{{ ${d.name}.index }}`)} its 0-based index; both resolve only inside this step.`,
      ].join('\n\n');
    case 'output':
      return [code(`(workflow output) ${d.name}`), `Later workflows of the image build read it as ${inline(`$.workflowOutputs.${d.name}`)}.`].join('\n\n');
  }
}

function stepText(analysis: Analysis, d: Declaration): string {
  const lines = [code(`(step) ${d.qualifiedName}${d.action ? `: ${d.action}` : ''}`)];
  const spec = actionSpec(analysis, d.action);
  if (spec) {
    lines.push(firstSentence(spec.description));
    lines.push(spec.outputs.length ? `**Outputs**\n${spec.outputs.map(outputLine).join('\n')}` : 'The action produces no outputs.');
  }
  return lines.join('\n\n');
}

function workflowDefault(analysis: Analysis, name: string): string | undefined {
  const value = analysis.workflow?.parameterByName.get(name)?.defaultPair?.value as Node | null | undefined;
  if (!value) return undefined;
  const json = value.toJSON();
  return typeof json === 'string' ? json : JSON.stringify(json);
}

function stepNameAt(analysis: Analysis, index: number | undefined): string | undefined {
  return index === undefined ? undefined : analysis.component?.steps[index]?.name;
}

// ---- references ---------------------------------------------------------------------------

function referenceHover(analysis: Analysis, { reference, part }: PartAt): Hover | null {
  const range = part?.range ?? reference.range;
  if (part?.target) return markdown(declarationCard(analysis, part.target), range);
  if (!part) return reference.target ? markdown(declarationCard(analysis, reference.target), reference.range) : null;
  return markdown(partText(analysis, reference, part), range);
}

function partText(analysis: Analysis, reference: SymbolReference, part: ReferencePart): string | undefined {
  const index = reference.parts.indexOf(part);
  switch (reference.kind) {
    case 'variable':
      return `${inline(part.text)} is not declared in \`parameters\` or \`constants\`.`;
    case 'loop':
      return loopPartText(analysis, reference, part);
    case 'chaining':
      return chainingPartText(reference, part);
    case 'ssm':
    case 'env':
    case 'imds':
    case 'context':
      return namespacePartText(reference, part);
    case 'parameter':
    case 'stepOutput':
    case 'imagebuilder':
    case 'workflowOutput':
      return jsonPathPartText(reference, part, index);
    default:
      return undefined;
  }
}

function loopPartText(analysis: Analysis, reference: SymbolReference, part: ReferencePart): string | undefined {
  const loop = reference.target;
  if (part.role === 'loop') {
    if (loop) return declarationText(analysis, loop);
    const step = reference.fromStep !== undefined ? analysis.component?.steps[reference.fromStep] : undefined;
    return step?.loopPair
      ? [code('(loop) loop'), `The loop of this step: ${inline('{{ loop.value }}')} is the current item, ${inline('{{ loop.index }}')} its 0-based index.`].join('\n\n')
      : `${inline(part.text)} names no loop of this step: loop variables resolve only inside the step that defines the loop.`;
  }
  if (part.text === 'value') return [code(`(loop variable) ${reference.text}`), 'The current item of `forEach`, or the current number of `for`.'].join('\n\n');
  if (part.text === 'index') return [code(`(loop variable) ${reference.text}`), 'The 0-based index of the current iteration.'].join('\n\n');
  return undefined;
}

function chainingPartText(reference: SymbolReference, part: ReferencePart): string | undefined {
  const step = reference.target;
  const where = step ? inline(step.qualifiedName) : 'the step';
  const section = reference.parts.find((p) => p.role === 'section')?.text;
  switch (part.role) {
    case 'phase':
      return `${inline(part.text)} is not a phase of this document.`;
    case 'step':
      return `${inline(reference.parts[0].text + '.' + part.text)} is not a step of this document.`;
    case 'section':
      return part.text === 'outputs'
        ? `The outputs ${where} produced when it ran.`
        : `The inputs of ${where} as written in the document, references resolved.`;
    case 'index':
      return `Item ${part.text} (0-based) of the list of inputs of ${where}.`;
    case 'key': {
      const spec = step?.action ? ACTIONS_BY_NAME.get(step.action) : undefined;
      if (section === 'outputs') {
        const output = spec?.outputs.find((o) => o.name === part.text);
        return output
          ? [code(`(output) ${reference.text}: ${output.type}`), `${output.description}\n\nProduced by ${inline(step!.action!)} in step ${where}.`].join('\n\n')
          : `${inline(part.text)} is not an output of ${spec ? inline(spec.name) : where}.`;
      }
      const input = spec?.inputs.find((i) => i.name === part.text);
      return input ? [code(`(input) ${reference.text}`), inputText(input), `Input of ${inline(spec!.name)} in step ${where}.`].join('\n\n') : undefined;
    }
    default:
      return undefined;
  }
}

const NAMESPACES: Record<string, string> = {
  ssm: 'A Systems Manager Parameter Store value, read when the step runs (String, StringList or SecureString; Secrets Manager secrets through `/aws/reference/secretsmanager/<id>`). The instance role needs `ssm:GetParameter`.',
  env: 'An environment variable of the instance, matched by its exact name.',
  imds: 'EC2 instance metadata, by its path under `meta-data/` (e.g. `instance-id`, `placement/region`). Paths under `iam/` and `identity-credentials/` are rejected.',
  context: 'A fact about the running execution.',
};

/** Spec 2.3: the keys of `context:` and the variables Image Builder sets for `env:`. */
const CONTEXT_DESCRIPTIONS: Record<string, string> = {
  executionId: 'ID of this AWSTOE execution.',
  accountId: 'AWS account ID of the instance.',
  region: 'AWS Region of the instance.',
  osPlatform: 'Operating system platform, e.g. `linux` or `windows`.',
  osName: 'Operating system name.',
  osVersion: 'Operating system version (empty on Windows and macOS).',
  date: 'Current UTC date, `YYYY-MM-DD`.',
  dateTime: 'Current UTC date and time, RFC 3339.',
  uuid: 'A new version 4 UUID.',
  hostname: 'Host name of the instance.',
  phase: 'Name of the running phase.',
  step: 'Name of the running step.',
};

const IMAGE_BUILDER_ENV: Record<string, string> = {
  IMAGE_WORKFLOW_EXECUTION_ID: 'Set by Image Builder: ID of the workflow execution.',
  IMAGE_STEP_EXECUTION_ID: 'Set by Image Builder: ID of the workflow step execution.',
  IMAGE_BUILD_VERSION_ARN: 'Set by Image Builder: ARN of the image build version.',
  IMAGE_PIPELINE_ARN: 'Set by Image Builder: ARN of the pipeline (empty outside pipelines).',
  IMAGE_PHASE: 'Set by Image Builder: `BUILDING` or `TESTING`.',
  IMAGE_VERSION: 'Set by Image Builder: semantic version of the image.',
  IMAGE_BUILD_VERSION: 'Set by Image Builder: build version of the image.',
};

function namespacePartText(reference: SymbolReference, part: ReferencePart): string | undefined {
  const kind = reference.kind;
  if (part.role === 'namespace') return [code(`(namespace) ${part.text}:`), NAMESPACES[kind]].join('\n\n');
  if (part.role !== 'key') return undefined;
  if (kind === 'context') {
    const known = CONTEXT_DESCRIPTIONS[part.text];
    return known ? [code(`(context) ${part.text}`), known].join('\n\n') : `${inline(part.text)} is not a context variable; known keys: ${CONTEXT_KEYS.join(', ')}.`;
  }
  if (kind === 'env') return [code(`(environment variable) ${part.text}`), IMAGE_BUILDER_ENV[part.text] ?? NAMESPACES.env].join('\n\n');
  if (kind === 'imds') return [code(`(instance metadata) ${part.text}`), NAMESPACES.imds].join('\n\n');
  return [code(`(SSM parameter) ${part.text}`), NAMESPACES.ssm].join('\n\n');
}

const ROOTS: Record<string, string> = {
  parameters: 'The parameters of this workflow document, as the pipeline or image passes them.',
  stepOutputs: 'The outputs of the steps that ran earlier in this workflow.',
  imagebuilder: 'Image Builder system variables.',
  workflowOutputs: 'The outputs of workflows that ran earlier in this image build.',
};

function jsonPathPartText(reference: SymbolReference, part: ReferencePart, index: number): string | undefined {
  if (index === 0) return [code(`(root) $.${part.text}`), ROOTS[part.text]].join('\n\n');
  switch (reference.kind) {
    case 'parameter':
      return index === 1 ? `${inline(part.text)} is not a parameter of this document.` : undefined;
    case 'stepOutput': {
      if (index === 1) return `${inline(part.text)} is not a step of this document.`;
      const step = reference.target;
      const outputPart = reference.parts[2];
      const spec = step?.action ? WORKFLOW_ACTIONS_BY_NAME.get(step.action) : undefined;
      const output = spec?.outputs.find((o) => o.name === outputPart?.text);
      if (!output) return spec ? `${inline(outputPart?.text ?? part.text)} is not an output of ${inline(spec.name)}.` : undefined;
      return [code(`(output) $.stepOutputs.${step!.name}.${output.name}: ${output.type}`), `${output.description}\n\nProduced by ${inline(spec!.name)} in step ${inline(step!.name)}.`].join('\n\n');
    }
    case 'imagebuilder': {
      const variable = SYSTEM_VARIABLES.find((v) => v.name === reference.parts[1]?.text);
      if (!variable) return `${inline(reference.parts[1]?.text ?? part.text)} is not an Image Builder system variable.`;
      const undocumented = variable.documented ? undefined : 'Used in an AWS example, but not in the documented table of system variables.';
      return [code(`(system variable) $.imagebuilder.${variable.name}: ${variable.type}`), variable.description, undocumented].filter(Boolean).join('\n\n');
    }
    case 'workflowOutput':
      return [code(`(workflow output) $.workflowOutputs.${reference.parts[1]?.text ?? ''}`), 'An output of a workflow that ran earlier in this image build.'].join('\n\n');
    default:
      return undefined;
  }
}

// ---- keys and values ----------------------------------------------------------------------

function nodeHover(analysis: Analysis, context: NodeContext): Hover | null {
  // Between the entries of a collection (a dash, blank space) there is nothing to describe.
  if (!isScalar(context.node)) return null;
  const range = nodeRange(analysis.lines, context.node);
  const value = context.role !== 'key' && isScalar(context.node) ? context.node.value : undefined;
  const path = context.path;
  const key = context.role === 'key' ? context.key : typeof path[path.length - 1] === 'string' ? (path[path.length - 1] as string) : undefined;

  // The action's card, on the action's name.
  if (context.role === 'value' && key === 'action' && isStepField(analysis, path) && typeof value === 'string') {
    return markdown(actionCard(analysis, value), range);
  }
  if (context.role === 'key' && key === 'inputs' && isStepField(analysis, path)) {
    const inputs = inputsCard(actionSpec(analysis, context.step?.action ?? context.workflowStep?.action));
    if (inputs) return markdown(inputs, range);
  }
  const input = inputAt(context);
  if (input) {
    const chained = typeof key === 'string' && key.endsWith('.$') ? 'Written `key.$`: the value is a JSONPath resolved when the step runs.' : undefined;
    return markdown([code(`(input) ${key ?? input.name}`), inputText(input), chained, enumText(input.schema, value)].filter(Boolean).join('\n\n'), range);
  }
  if (context.role === 'key' && key !== undefined) {
    const operator = operatorText(analysis, path, key);
    if (operator) return markdown(operator, range);
  }
  return markdown(schemaText(analysis, path, key, context.role === 'key' ? undefined : value), range);
}

/** Whether `path` ends at a field of a step: `phases.i.steps.j.<field>` or `steps.i.<field>`. */
function isStepField(analysis: Analysis, path: readonly PathSegment[]): boolean {
  return analysis.kind === 'component'
    ? path.length === 5 && path[0] === 'phases' && path[2] === 'steps'
    : path.length === 3 && path[0] === 'steps';
}

function actionSpec(analysis: Analysis, name: string | undefined): ComponentActionSpec | WorkflowActionSpec | undefined {
  if (!name) return undefined;
  return analysis.kind === 'component' ? ACTIONS_BY_NAME.get(name) : WORKFLOW_ACTIONS_BY_NAME.get(name);
}

function actionCard(analysis: Analysis, name: string): string | undefined {
  const spec = actionSpec(analysis, name);
  if (!spec) return undefined;
  const lines: string[] = [];
  if ('platforms' in spec) {
    lines.push(code(`(action module) ${spec.name}`), firstSentence(spec.description), `**Platforms:** ${spec.platforms.join(', ')}`);
  } else {
    lines.push(code(`(step action) ${spec.name}`), firstSentence(spec.description), `**Workflow types:** ${spec.types.join(', ')}`);
    lines.push(`**Timeout:** ${duration(spec.defaultTimeoutSeconds)} by default, at most ${duration(spec.maxTimeoutSeconds)} (\`timeoutSeconds\`).`);
  }
  if ('inputsShape' in spec && spec.inputsShape === 'condition') {
    lines.push('**Inputs:** one comparison or logical expression, as in `if`.');
  } else if (spec.inputs.length) {
    const shape = 'inputsShape' in spec ? (spec.inputsShape === 'list' ? ' (a list: one mapping per operation)' : ' (a mapping)') : '';
    lines.push(`**Inputs**${shape}\n${spec.inputs.map((i) => inputLine(i, 'chainedOnly' in spec && spec.chainedOnly?.includes(i.name))).join('\n')}`);
  } else {
    lines.push('**Inputs:** none.');
  }
  lines.push(spec.outputs.length ? `**Outputs**\n${spec.outputs.map(outputLine).join('\n')}` : '**Outputs:** none.');
  if (spec.docs) lines.push(`[AWS documentation](${spec.docs})`);
  return lines.join('\n\n');
}

function inputsCard(spec: ComponentActionSpec | WorkflowActionSpec | undefined): string | undefined {
  if (!spec) return undefined;
  const shape = 'inputsShape' in spec
    ? { object: 'a mapping', list: 'a list: one mapping per operation', condition: 'one comparison or logical expression' }[spec.inputsShape]
    : 'a mapping; a key written `key.$` takes a JSONPath';
  return [code(`(inputs) ${spec.name}`), `The inputs of ${inline(spec.name)}: ${shape}. For example:`, code(spec.example)].join('\n\n');
}

function inputLine(input: InputSpec, chainedOnly = false): string {
  const facts = [typeText(input.schema), input.required ? 'required' : 'optional'];
  if (input.default !== undefined && !mentionsDefault(input.description)) facts.push(`default ${inline(JSON.stringify(input.default))}`);
  return `- ${inline(chainedOnly ? `${input.name}.$` : input.name)} (${facts.join(', ')}): ${firstSentence(input.description)}`;
}

function outputLine(output: OutputSpec): string {
  return `- ${inline(output.name)} (${output.type}): ${output.description}`;
}

function inputText(input: InputSpec): string {
  const facts = [`**Type:** ${typeText(input.schema)}`, input.required ? '**Required**' : '**Optional**'];
  // Many descriptions already say their default: say it once.
  if (input.default !== undefined && !mentionsDefault(input.description)) facts.push(`**Default:** ${inline(JSON.stringify(input.default))}`);
  return [input.description, facts.join(' · ')].join('\n\n');
}

function mentionsDefault(description: string): boolean {
  return /\bdefaults?\b/i.test(description);
}

/** The input spec of an input key, or of the value of one, of the step's action. */
function inputAt(context: NodeContext): InputSpec | undefined {
  const path = context.path;
  if (context.step?.spec && path[4] === 'inputs') {
    const keyIndex = typeof path[5] === 'number' ? 6 : 5;
    if (path.length !== keyIndex + 1 || typeof path[keyIndex] !== 'string') return undefined;
    return context.step.spec.inputs.find((i) => i.name === path[keyIndex]);
  }
  if (context.workflowStep?.spec && path[2] === 'inputs' && path.length === 4 && typeof path[3] === 'string') {
    const name = path[3].replace(/\.\$$/, '');
    return context.workflowStep.spec.inputs.find((i) => i.name === name);
  }
  return undefined;
}

/** Comparison and logical operators in `if` trees and in Assert's inputs. */
function operatorText(analysis: Analysis, path: readonly PathSegment[], key: string): string | undefined {
  const inCondition = path.includes('if') || (analysis.kind === 'component' && path[4] === 'inputs' && analysis.component?.phases[path[1] as number]?.steps[path[3] as number]?.action === 'Assert');
  if (!inCondition) return undefined;
  if (key === 'and') return [code('(operator) and'), 'True when every item of the list is true; evaluation stops at the first false.'].join('\n\n');
  if (key === 'or') return [code('(operator) or'), 'True when any item of the list is true; evaluation stops at the first true.'].join('\n\n');
  if (key === 'not') return [code('(operator) not'), 'Negates one expression.'].join('\n\n');
  if (analysis.kind === 'component') {
    const operator = COMPONENT_COMPARISONS.get(key);
    if (!operator) return undefined;
    const companion = operator.companion ? `Compared with its ${inline(operator.companion)} key.` : 'Takes no companion key.';
    return [code(`(operator) ${key}: ${operator.operand}`), operator.description, companion].join('\n\n');
  }
  const operator = WORKFLOW_COMPARISONS.get(key);
  return operator ? [code(`(operator) ${key}: ${operator.operand}`), operator.description, 'Compared with its `value` key (a literal or a JSONPath).'].join('\n\n') : undefined;
}

function schemaText(analysis: Analysis, path: readonly PathSegment[], key: string | undefined, value: unknown): string | undefined {
  const description = schemaDescription(analysis, path);
  const meaning = value !== undefined ? valueMeaning(analysis, path, value) : undefined;
  const parts = [key !== undefined ? code(typeof path[path.length - 1] === 'number' ? `(item) ${key}` : key) : undefined, description, meaning];
  if (!description && !meaning) return undefined;
  return parts.filter(Boolean).join('\n\n');
}

/** Schema descriptions by path, per analysis: every position of a key asks for the same one. */
const descriptions = new WeakMap<Analysis, Map<string, string | undefined>>();

function schemaDescription(analysis: Analysis, path: readonly PathSegment[]): string | undefined {
  let known = descriptions.get(analysis);
  if (!known) descriptions.set(analysis, (known = new Map()));
  const key = path.join('\u0000');
  if (known.has(key)) return known.get(key);
  const root = analysis.kind === 'component' ? componentSchema() : workflowSchema();
  const description = descriptionOf(schemasAt(root, path, (p) => valueAt(analysis.parsed.value, p)));
  known.set(key, description);
  return description;
}

/** Spec 3, 4.1, 6.1, A.2, A.3: what an allowed value means where it is written. */
function valueMeaning(analysis: Analysis, path: readonly PathSegment[], value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const last = path[path.length - 1];
  if (last === 'onFailure' && isStepField(analysis, path)) return ON_FAILURE[analysis.kind === 'component' ? 'component' : 'workflow'][value];
  if ((last === 'then' || last === 'else') && path.includes('if') && (CONDITION_ACTIONS as readonly string[]).includes(value)) return CONDITION_MEANINGS[value];
  if (analysis.kind === 'component' && last === 'name' && path.length === 3 && path[0] === 'phases') {
    const stage = stageOf(value);
    return stage ? `${inline(value)} runs in Image Builder's **${stage}** stage.` : `Image Builder does not run a phase named ${inline(value)}.`;
  }
  if (analysis.kind === 'workflow' && last === 'type' && path[0] === 'parameters') return PARAMETER_TYPES[value];
  return undefined;
}

const ON_FAILURE: Record<'component' | 'workflow', Record<string, string>> = {
  component: {
    Abort: '`Abort`: the step fails and no further step runs; the phase and the document fail.',
    Continue: '`Continue`: the step fails, the next step runs; the phase and the document still fail.',
    Ignore: '`Ignore`: the failure counts as `IgnoredFailure`, the next step runs and the document succeeds (`SuccessWithIgnoredFailure`).',
  },
  workflow: {
    Abort: '`Abort`: the step and the workflow fail, no later step runs, and rollback runs backwards from the failed step.',
    Continue: '`Continue`: the step fails but the remaining steps run; no rollback.',
  },
};

const CONDITION_MEANINGS: Record<string, string> = {
  Abort: '`Abort`: the step is marked failed.',
  Execute: '`Execute`: the step runs.',
  Skip: '`Skip`: the step is skipped and counts as successful.',
};

const PARAMETER_TYPES: Record<string, string> = {
  string: '`string`: a text value.',
  integer: '`integer`: a whole number.',
  boolean: '`boolean`: `true` or `false`.',
  stringList: '`stringList`: a list of strings.',
};

function enumText(schema: JSONSchema, value: unknown): string | undefined {
  if (value === undefined || !schema.enum) return undefined;
  return `One of ${schema.enum.map((v) => inline(String(v))).join(', ')}.`;
}

function typeText(schema: JSONSchema): string {
  if (schema.enum) return schema.enum.map((v) => inline(String(v))).join(' \\| ');
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type;
  if (type === 'array') {
    const items = schema.items && !Array.isArray(schema.items) ? (schema.items as JSONSchema).type : undefined;
    return items ? `list of ${items}s` : 'list';
  }
  if (type === 'object') return 'mapping';
  if (!type && (schema.if || schema.anyOf || schema.oneOf)) return 'mapping or list';
  return type ?? 'any';
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h (${seconds} s)`;
  if (seconds % 60 === 0) return `${seconds / 60} min (${seconds} s)`;
  return `${seconds} s`;
}

function firstSentence(text: string): string {
  const match = /^(.+?\.)(?=\s+[A-Z]|\s*$)/s.exec(text);
  return match ? match[1] : text;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value: unknown = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}
