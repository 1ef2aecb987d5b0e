/**
 * References being written: inside `{{ }}` of components the parameters, constants, loop
 * variables in scope, `phase.step.inputs/outputs` chains to steps that run earlier, and the
 * `aws:ssm:` / `env:` / `aws:imds:` / `context:` namespaces; in workflows the JSONPath roots
 * `$.parameters`, `$.stepOutputs` (steps that run earlier, then their action's outputs),
 * `$.imagebuilder` and `$.workflowOutputs`. What is visible is decided by the scope modules.
 *
 * An item replaces the segment being typed. A complete reference gets its closing ` }}` when
 * it has none, and a `{{` that starts a plain YAML value is quoted, since YAML would read
 * `{{ x }}` as a mapping.
 */
import { isScalar } from 'yaml';
import { asMap, keyText } from '../ast';
import { inputItems, type StepModel } from '../component/model';
import { CONTEXT_KEYS } from '../component/rules/references';
import { chainableSteps, loopsInScope } from '../component/scope';
import { nodeAt } from '../cursor';
import { SYSTEM_VARIABLES, UNLISTED_OUTPUTS } from '../workflow/actions';
import { readableSteps } from '../workflow/scope';
import { CompletionItemKind, escapeSnippet, type CompletionRequest, type ItemList } from './items';

/** Environment variables Image Builder sets on its instances (spec, component variables). */
const IMAGE_BUILDER_ENV = [
  ['IMAGE_WORKFLOW_EXECUTION_ID', 'ID of the running image workflow execution.'],
  ['IMAGE_STEP_EXECUTION_ID', 'ID of the running workflow step execution.'],
  ['IMAGE_BUILD_VERSION_ARN', 'ARN of the image build version.'],
  ['IMAGE_PIPELINE_ARN', 'ARN of the pipeline (empty outside pipelines).'],
  ['IMAGE_PHASE', '`BUILDING` or `TESTING`.'],
  ['IMAGE_VERSION', 'Semantic version of the image.'],
  ['IMAGE_BUILD_VERSION', 'Build version of the image.'],
] as const;

/** Common instance metadata paths under `meta-data/`; never the credential paths (`iam/`), which are rejected. */
const IMDS_PATHS = [
  ['instance-id', 'ID of the instance.'],
  ['instance-type', 'Instance type, e.g. `m5.large`.'],
  ['ami-id', 'AMI the instance was launched from.'],
  ['placement/region', 'Region of the instance.'],
  ['placement/availability-zone', 'Availability Zone of the instance.'],
  ['placement/availability-zone-id', 'Availability Zone ID of the instance.'],
  ['hostname', 'Private IPv4 DNS hostname.'],
  ['local-hostname', 'Private IPv4 DNS hostname.'],
  ['local-ipv4', 'Private IPv4 address.'],
  ['public-hostname', 'Public DNS hostname, when there is one.'],
  ['public-ipv4', 'Public IPv4 address, when there is one.'],
  ['mac', 'MAC address of the primary network interface.'],
  ['security-groups', 'Names of the security groups.'],
  ['reservation-id', 'ID of the reservation.'],
  ['instance-life-cycle', '`on-demand` or `spot`.'],
  ['ami-launch-index', 'Launch index of the instance.'],
] as const;

const CONTEXT_DESCRIPTIONS: Record<string, string> = {
  executionId: 'ID of the AWSTOE run.',
  accountId: 'AWS account ID of the instance.',
  region: 'Region of the instance.',
  osPlatform: 'Operating system platform: `Linux`, `Windows` or `macOS`.',
  osName: 'Name of the operating system.',
  osVersion: 'Version of the operating system.',
  date: 'Current date.',
  dateTime: 'Current date and time.',
  uuid: 'A new UUID.',
  hostname: 'Host name of the instance.',
  phase: 'Name of the running phase.',
  step: 'Name of the running step.',
};

const JSONPATH_ROOTS = [
  ['parameters', 'Parameters of this workflow: `$.parameters.<name>`.'],
  ['stepOutputs', 'Outputs of steps that ran earlier: `$.stepOutputs.<step>.<output>`.'],
  ['imagebuilder', 'Image Builder system variables: `$.imagebuilder.<variable>`.'],
  ['workflowOutputs', 'Outputs of workflows that ran earlier in the image build: `$.workflowOutputs.<name>`.'],
] as const;

interface Segment {
  /** Offsets of the segment being typed: from after the last separator to the end of the word. */
  start: number;
  end: number;
}

interface RefItem {
  label: string;
  /** The segment's text; a non-final item ends with its separator (`build.`, `context:`). */
  insert: string;
  /** A complete reference (gets ` }}`); otherwise the list opens again after it. */
  complete: boolean;
  kind: CompletionItemKind;
  detail?: string;
  documentation?: string;
  group?: number;
  /** Replace from this offset instead of the segment start (`.` before `[0].key`). */
  start?: number;
}

export function completeReference(request: CompletionRequest, list: ItemList): void {
  const reference = request.cursor.reference;
  if (!reference) return;
  const prefix = reference.prefix;
  const kind = request.analysis.kind;
  // In workflows `{{ }}` holds a JSONPath too: an empty one starts with the roots.
  const items = kind === 'workflow' && (prefix.startsWith('$') || (reference.syntax === 'template' && prefix === ''))
    ? jsonPathItems(request, prefix)
    : kind === 'component' && reference.syntax === 'template' && !prefix.startsWith('$') ? templateItems(request, prefix) : undefined;
  if (!items) return;
  const { segment, items: found } = items;
  for (const item of found) addReferenceItem(request, list, item, segment);
}

/** `$.` roots as a value of a `key.$` input, before anything is typed. */
export function completeJsonPathRoots(request: CompletionRequest, list: ItemList, group = 1): void {
  const { cursor } = request;
  if (cursor.word && !'$.'.startsWith(cursor.word.slice(0, 2))) return;
  for (const [root, description] of JSONPATH_ROOTS) {
    list.add(`$.${root}`, `${cursor.needsSpace ? ' ' : ''}$.${root}.`, {
      kind: CompletionItemKind.Module,
      group,
      documentation: description,
      filterText: `$.${root}`,
      retrigger: true,
    });
  }
}

// ---- components -------------------------------------------------------------------------------

function templateItems(request: CompletionRequest, prefix: string): { segment: Segment; items: RefItem[] } {
  const { cursor, analysis } = request;
  const reference = cursor.reference!;
  const namespace = /^(aws:ssm|aws:imds|env|context):/.exec(prefix);
  if (namespace) {
    const segment = segmentAt(request, reference.start + namespace[0].length, /^[^\s{}'"]*/);
    return { segment, items: namespaceItems(namespace[1]) };
  }
  const dots = prefix.split('.');
  const typed = dots.length - 1;
  const segment = segmentAt(request, reference.start + prefix.length - dots[typed].length, /^[^.\s{}'":[\]]*/);
  const step = cursor.step;
  const model = analysis.component;
  const chainable = step && model ? chainableSteps(model, step) : [];
  const loops = step ? loopsInScope(step) : [];
  const items: RefItem[] = [];

  if (typed === 0) {
    for (const declaration of [...analysis.symbols.byKind('parameter'), ...analysis.symbols.byKind('constant')]) {
      const facts = [declaration.kind, declaration.type, declaration.defaultValue !== undefined ? `default ${declaration.defaultValue}` : undefined];
      items.push({
        label: declaration.name,
        insert: declaration.name,
        complete: true,
        kind: declaration.kind === 'constant' ? CompletionItemKind.Constant : CompletionItemKind.Variable,
        detail: facts.filter(Boolean).join(' · '),
        documentation: declaration.description,
        group: 1,
      });
    }
    for (const loop of loops) {
      for (const property of ['value', 'index'] as const) {
        items.push({ label: `${loop}.${property}`, insert: `${loop}.${property}`, complete: true, kind: CompletionItemKind.Variable, detail: `loop ${property}`, documentation: loopDocumentation(step!, property), group: 1 });
      }
    }
    const phases = new Map<string, number>();
    for (const target of chainable) phases.set(target.phase.name!, (phases.get(target.phase.name!) ?? 0) + 1);
    for (const [phase, count] of phases) {
      items.push({ label: phase, insert: `${phase}.`, complete: false, kind: CompletionItemKind.Module, detail: `phase · ${count} earlier step${count === 1 ? '' : 's'}`, documentation: `Chain to a step of \`${phase}\` that runs before this one: \`{{ ${phase}.<step>.outputs.<name> }}\`.`, group: 2 });
    }
    for (const [name, description] of [
      ['aws:ssm', 'A Systems Manager Parameter Store value: `{{ aws:ssm:/path/name }}`.'],
      ['env', 'An environment variable of the instance: `{{ env:NAME }}`.'],
      ['aws:imds', 'Instance metadata, a path under `meta-data/`: `{{ aws:imds:instance-id }}`.'],
      ['context', 'A value of the run: `{{ context:region }}`.'],
    ]) {
      items.push({ label: `${name}:`, insert: `${name}:`, complete: false, kind: CompletionItemKind.Module, detail: 'namespace', documentation: description, group: 4 });
    }
    return { segment, items };
  }

  if (typed === 1) {
    const first = dots[0];
    if (loops.includes(first)) {
      for (const property of ['value', 'index'] as const) items.push({ label: property, insert: property, complete: true, kind: CompletionItemKind.Property, detail: `loop ${property}`, documentation: loopDocumentation(step!, property), group: 1 });
    }
    for (const target of chainable.filter((s) => s.phase.name === first)) {
      items.push({ label: target.name!, insert: `${target.name}.`, complete: false, kind: CompletionItemKind.Field, detail: target.action ?? 'step', group: 1 });
    }
    return { segment, items };
  }

  const target = chainable.find((s) => s.phase.name === dots[0] && s.name === dots[1]);
  if (!target) return { segment, items };
  const inputs = target.spec?.inputsShape === 'list' ? inputKeysByItem(target, model!) : undefined;
  if (typed === 2) {
    if (target.spec && target.spec.outputs.length > 0) items.push({ label: 'outputs', insert: 'outputs.', complete: false, kind: CompletionItemKind.Module, detail: `${target.spec.outputs.length} output${target.spec.outputs.length === 1 ? '' : 's'}`, group: 1 });
    if (inputs) {
      inputs.forEach((_, index) => items.push({ label: `inputs[${index}]`, insert: `inputs[${index}].`, complete: false, kind: CompletionItemKind.Module, detail: 'inputs of one operation', group: 2 }));
    } else if (target.inputs && asMap(target.inputs, model!.doc)) {
      items.push({ label: 'inputs', insert: 'inputs.', complete: false, kind: CompletionItemKind.Module, detail: 'inputs the step sets', group: 2 });
    }
    return { segment, items };
  }
  if (typed !== 3) return { segment, items };
  const section = dots[2];
  if (section === 'outputs') {
    for (const output of target.spec?.outputs ?? []) items.push({ label: output.name, insert: output.name, complete: true, kind: CompletionItemKind.Field, detail: `${target.action} output · ${output.type}`, documentation: output.description, group: 1 });
  } else if (section === 'inputs' && inputs) {
    // `inputs.` of a list: the index belongs before the dot, `inputs[0].key`.
    inputs.forEach((keys, index) => {
      for (const key of keys) items.push({ label: `[${index}].${key}`, insert: `[${index}].${key}`, complete: true, kind: CompletionItemKind.Field, detail: inputDetail(target, key), group: 1, start: segment.start - 1 });
    });
  } else if (section === 'inputs') {
    for (const key of inputKeysOf(asMap(target.inputs, model!.doc))) items.push({ label: key, insert: key, complete: true, kind: CompletionItemKind.Field, detail: inputDetail(target, key), group: 1 });
  } else {
    const index = /^inputs\[(\d+)\]$/.exec(section);
    const keys = index && inputs ? inputs[Number(index[1])] : undefined;
    for (const key of keys ?? []) items.push({ label: key, insert: key, complete: true, kind: CompletionItemKind.Field, detail: inputDetail(target, key), group: 1 });
  }
  return { segment, items };
}

function inputKeysByItem(step: StepModel, model: NonNullable<CompletionRequest['analysis']['component']>): string[][] {
  return inputItems(step, model.doc).map((map) => inputKeysOf(map));
}

function inputKeysOf(map: ReturnType<typeof asMap>): string[] {
  return (map?.items ?? []).map((pair) => keyText(pair)).filter((k): k is string => k !== undefined);
}

function inputDetail(step: StepModel, key: string): string {
  return `${step.action ?? 'step'} input${step.spec?.inputs.find((i) => i.name === key)?.required ? ' · required' : ''}`;
}

function loopDocumentation(step: StepModel, property: 'value' | 'index'): string {
  const forEach = step.loop?.items.some((p) => keyText(p) === 'forEach');
  if (property === 'index') return 'Zero-based index of the current iteration.';
  return forEach ? 'The current item of `forEach`.' : 'The current value of the `for` counter.';
}

function namespaceItems(namespace: string): RefItem[] {
  const leaf = (label: string, documentation: string, group = 1): RefItem => ({ label, insert: label, complete: true, kind: CompletionItemKind.Constant, documentation, group });
  switch (namespace) {
    case 'context':
      return CONTEXT_KEYS.map((k) => leaf(k, CONTEXT_DESCRIPTIONS[k] ?? 'A context variable.'));
    case 'env':
      return IMAGE_BUILDER_ENV.map(([k, d]) => ({ ...leaf(k, d), detail: 'set by Image Builder' }));
    case 'aws:imds':
      return IMDS_PATHS.map(([k, d]) => ({ ...leaf(k, d), detail: 'instance metadata' }));
    default:
      return [{ label: '/aws/reference/secretsmanager/', insert: '/aws/reference/secretsmanager/', complete: false, kind: CompletionItemKind.Folder, documentation: 'A Secrets Manager secret read through Parameter Store.', group: 2 }];
  }
}

// ---- workflows --------------------------------------------------------------------------------

function jsonPathItems(request: CompletionRequest, prefix: string): { segment: Segment; items: RefItem[] } {
  const { cursor, analysis } = request;
  const reference = cursor.reference!;
  const model = analysis.workflow;
  const items: RefItem[] = [];
  if (prefix === '$' || prefix === '') {
    const segment = segmentAt(request, reference.start, /^[^.\s{}'":[\]]*/);
    for (const [root, description] of JSONPATH_ROOTS) items.push({ label: `$.${root}`, insert: `$.${root}.`, complete: false, kind: CompletionItemKind.Module, documentation: description, group: 1 });
    return { segment, items };
  }
  const dots = prefix.split('.');
  const typed = dots.length - 1;
  const segment = segmentAt(request, reference.start + prefix.length - dots[typed].length, /^[^.\s{}'":[\]]*/);
  if (dots[0] !== '$' || !model) return { segment, items };
  if (typed === 1) {
    for (const [root, description] of JSONPATH_ROOTS) items.push({ label: root, insert: `${root}.`, complete: false, kind: CompletionItemKind.Module, documentation: description, group: 1 });
    return { segment, items };
  }
  const root = dots[1];
  if (typed === 2 && root === 'parameters') {
    for (const parameter of model.parameters) {
      if (parameter.name === undefined || model.parameterByName.get(parameter.name) !== parameter) continue;
      const declaration = analysis.symbols.byKind('parameter').find((d) => d.name === parameter.name);
      items.push({
        label: parameter.name,
        insert: parameter.name,
        complete: true,
        kind: CompletionItemKind.Variable,
        detail: [`parameter · ${parameter.type}`, declaration?.defaultValue !== undefined ? `default ${declaration.defaultValue}` : undefined].filter(Boolean).join(' · '),
        documentation: declaration?.description,
        group: 1,
      });
    }
  } else if (typed === 2 && root === 'stepOutputs') {
    for (const step of readableSteps(model, cursor.workflowStep)) {
      const outputs = step.spec ? step.spec.outputs.length + (UNLISTED_OUTPUTS[step.spec.name]?.length ?? 0) : 0;
      if (step.spec && outputs === 0) continue;
      items.push({ label: step.name!, insert: `${step.name}.`, complete: false, kind: CompletionItemKind.Field, detail: step.action ?? 'step', group: 1 });
    }
  } else if (typed === 3 && root === 'stepOutputs') {
    const step = readableSteps(model, cursor.workflowStep).find((s) => s.name === dots[2]);
    for (const output of step?.spec?.outputs ?? []) {
      items.push({ label: output.name, insert: output.name, complete: true, kind: CompletionItemKind.Field, detail: `${step!.action} output · ${output.type}`, documentation: output.description, group: 1 });
    }
    for (const name of (step?.spec && UNLISTED_OUTPUTS[step.spec.name]) ?? []) {
      items.push({ label: name, insert: name, complete: true, kind: CompletionItemKind.Field, detail: `${step!.action} output`, documentation: 'Used in the AWS documentation, not listed among the outputs.', group: 2 });
    }
  } else if (typed === 2 && root === 'imagebuilder') {
    for (const variable of [...SYSTEM_VARIABLES].sort((a, b) => Number(b.documented) - Number(a.documented))) {
      items.push({ label: variable.name, insert: variable.name, complete: true, kind: CompletionItemKind.Constant, detail: `system variable · ${variable.type}${variable.documented ? '' : ' · undocumented'}`, documentation: variable.description, group: variable.documented ? 1 : 3 });
    }
  }
  return { segment, items };
}

// ---- edits ------------------------------------------------------------------------------------

/** The segment from `start` to the end of the word after the cursor. */
function segmentAt(request: CompletionRequest, start: number, word: RegExp): Segment {
  const { cursor, analysis } = request;
  const offset = cursor.offset;
  const tail = word.exec(analysis.text.slice(offset, cursor.reference!.end))?.[0] ?? '';
  return { start: Math.min(start, offset), end: offset + tail.length };
}

function addReferenceItem(request: CompletionRequest, list: ItemList, item: RefItem, segment: Segment): void {
  const { cursor, analysis, snippets } = request;
  const reference = cursor.reference!;
  const text = analysis.text;
  const start = item.start ?? segment.start;
  const template = reference.syntax === 'template';
  const typedBefore = text.slice(reference.start, start);
  const base = { kind: item.kind, detail: item.detail, documentation: item.documentation, group: item.group, retrigger: !item.complete };

  const open = template ? text.lastIndexOf('{{', reference.start) : -1;
  if (template && open >= 0 && segment.end === reference.end && startsPlainScalar(request, open) && (item.complete || snippets)) {
    // `key: {{ x` unquoted: write the whole value quoted and closed, with what followed `}}`.
    const lineEnd = analysis.lines.lineEnd(analysis.lines.positionAt(cursor.offset).line);
    const closing = reference.closed ? /^\s*\}\}/.exec(text.slice(segment.end, lineEnd)) : null;
    let end = segment.end;
    let rest = '';
    if (closing) {
      const value = text.slice(segment.end + closing[0].length, lineEnd);
      const comment = value.search(/\s#/);
      rest = (comment >= 0 ? value.slice(0, comment) : value).trimEnd();
      end = segment.end + closing[0].length + rest.length;
    }
    const quoted = (s: string) => s.replace(/'/g, "''");
    const head = `'{{ ${quoted(typedBefore + item.insert)}`;
    const tail = ` }}${quoted(rest)}'`;
    const newText = item.complete ? head + tail : `${escapeSnippet(head)}$0${escapeSnippet(tail)}`;
    list.add(item.label, newText, { ...base, start: open, end, snippet: !item.complete, filterText: text.slice(open, reference.start) + typedBefore + item.label });
    return;
  }

  const space = template && start === reference.start && text.slice(start - 2, start) === '{{' ? ' ' : '';
  const filterText = start < segment.start ? text.slice(start, segment.start) + item.label : item.label;
  if (template && !reference.closed && item.complete) {
    list.add(item.label, `${space}${item.insert} }}`, { ...base, start, end: segment.end, filterText });
    return;
  }
  if (template && !reference.closed && snippets) {
    list.add(item.label, `${escapeSnippet(space + item.insert)}$0 }}`, { ...base, start, end: segment.end, snippet: true, filterText });
    return;
  }
  list.add(item.label, space + item.insert, { ...base, start, end: segment.end, filterText });
}

/**
 * Whether the `{{` at `open` begins a plain YAML value (`key: {{`, `- {{`), which YAML would
 * read as a flow mapping; not inside quotes or a block scalar.
 */
function startsPlainScalar(request: CompletionRequest, open: number): boolean {
  const { analysis } = request;
  const line = analysis.lines.positionAt(open).line;
  const before = analysis.text.slice(analysis.lines.offsetAt({ line, character: 0 }), open);
  if (!/^\s*(?:-\s+)*(?:[^\s#'"{[\]}-][^#]*?:\s+)?$/.test(before) || !/[:-]\s+$/.test(before)) return false;
  const node = nodeAt(analysis, open)?.node;
  return !(isScalar(node) && node.type !== 'PLAIN' && node.range && node.range[0] < open);
}
