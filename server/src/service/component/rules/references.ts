/**
 * L22-L28 and L43: what every `{{ ... }}` names. Parameters and constants, loop variables in
 * scope, chaining to earlier steps and outputs their modules produce, and the runtime
 * namespaces `aws:ssm:`, `env:`, `aws:imds:`, `context:`. Also unused variables (hint).
 */
import { isPair, isScalar, type Node } from 'yaml';
import { getNode, resolve, stringValue } from '../../ast';
import { diagnostic } from '../../diagnostics';
import { closest } from '../../shared/suggest';
import type { Diagnostic, Range } from '../../types';
import { findUnquotedReferences, type Reference, type ReferenceOccurrence } from '../references';
import { inputItems, type ComponentModel, type StepModel } from '../model';
import { chainingProblems, stageOf } from '../scope';
import { componentSymbols } from '../symbols';
import type { ComponentRule } from './context';
import { looksLikeSecret } from './variables';

export const CONTEXT_KEYS = ['executionId', 'accountId', 'region', 'osPlatform', 'osName', 'osVersion', 'date', 'dateTime', 'uuid', 'hostname', 'phase', 'step'];
const BLOCKED_IMDS = /^\/?(iam|identity-credentials)(\/|$)/;
const SCRIPT_ACTIONS = new Set(['ExecuteBash', 'ExecutePowerShell']);
const PRINTS = /\b(echo|printf|Write-Host|Write-Output|cat)\b/i;

export const checkReferences: ComponentRule = (model) => {
  const out: Diagnostic[] = [];
  const symbols = componentSymbols(model);
  const variables = new Set(symbols.variables.keys());
  const loopNames = new Map<string, StepModel>();
  for (const step of model.steps) if (step.loopName) loopNames.set(step.loopName, step);

  for (const step of model.steps) {
    for (const subtree of [step.inputs, step.loopPair?.value as Node | undefined, step.ifPair?.value as Node | undefined]) {
      out.push(...unquoted(model, resolve(subtree, model.doc)));
    }
  }
  for (const use of symbols.uses) {
    out.push(...check(model, use.step, use.occurrence, use.classified, variables, loopNames));
  }

  // Unused means what find-references says: no reference part names the declaration (a
  // duplicate declaration shares the uses of the first, which is already reported).
  for (const declaration of symbols.index.declarations) {
    if ((declaration.kind === 'parameter' || declaration.kind === 'constant') && symbols.index.usesOf(symbols.variables.get(declaration.name) ?? declaration).length === 0) {
      out.push(diagnostic('unused-parameter', declaration.nameRange, `${declaration.kind === 'parameter' ? 'Parameter' : 'Constant'} \`${declaration.name}\` is never referenced.`));
    }
  }
  return out;
};

function check(model: ComponentModel, step: StepModel, occurrence: ReferenceOccurrence, reference: Reference, variables: Set<string>, loopNames: Map<string, StepModel>): Diagnostic[] {
  const range = model.lines.range(occurrence.start, occurrence.end);
  const text = `\`{{ ${occurrence.expression} }}\``;
  switch (reference.kind) {
    case 'variable': {
      if (variables.has(reference.name)) return [];
      const suggestion = closest(reference.name, [...variables]);
      return [diagnostic('undefined-reference', range,
        `${text} names no parameter or constant of this document.${suggestion ? ` Did you mean \`${suggestion}\`?` : ' Declare it under `parameters` or `constants`.'}`,
        { name: reference.name, replacement: suggestion ? `{{ ${suggestion} }}` : undefined })];
    }
    case 'goTemplate':
      return [diagnostic('undefined-reference', range,
        `${text} is Go template syntax, which AWSTOE does not read: write \`{{ ${reference.name} }}\`.`, { replacement: `{{ ${reference.name} }}` })];
    case 'loop':
      return loopReference(step, reference, range, text, loopNames);
    case 'chaining':
      return chaining(model, step, reference, range, text);
    case 'ssm': {
      const out: Diagnostic[] = [];
      const argument = reference.resolveArgument;
      if (argument !== undefined && !argument.startsWith('aws:ssm:') && !variables.has(argument)) {
        out.push(diagnostic('undefined-reference', range, `\`resolve(${argument})\` needs an \`aws:ssm:\` reference or the name of a parameter of this document.`));
      }
      if (step.action && SCRIPT_ACTIONS.has(step.action) && PRINTS.test(lineAround(model.parsed.text, occurrence.start))
        && looksSecret(model, reference) && !loggingDisabled(model, step)) {
        out.push(diagnostic('possible-secret', range, `This line prints the SSM parameter ${text}; if it is a SecureString, its value ends up in the logs. Set \`disableLogging: true\` on the step or do not print it.`));
      }
      return out;
    }
    case 'imds':
      return BLOCKED_IMDS.test(reference.path)
        ? [diagnostic('imds-blocked-path', range, `Instance metadata under \`${reference.path.split('/')[0] || reference.path.split('/')[1]}/\` holds credentials; AWSTOE rejects ${text} when it validates the document.`)]
        : [];
    case 'context':
      return CONTEXT_KEYS.includes(reference.key)
        ? []
        : [diagnostic('unknown-context-key', range, `\`context:${reference.key}\` is not a context variable.${hint(reference.key, CONTEXT_KEYS)} Known keys: ${CONTEXT_KEYS.join(', ')}.`,
          { key: reference.key, replacement: suggested(reference.key, CONTEXT_KEYS, (key) => `{{ context:${key} }}`) })];
    case 'env':
      return [];
    case 'unknownNamespace': {
      const prefixed = ['ssm', 'imds'].includes(reference.namespace) ? ` Did you mean \`aws:${reference.namespace}:\`?` : '';
      const secrets = /secretsmanager/i.test(reference.namespace) ? ' Read a Secrets Manager secret as `{{ aws:ssm:/aws/reference/secretsmanager/<secret-id> }}`.' : prefixed;
      return [diagnostic('undefined-reference', range, `${text}: \`${reference.namespace}:\` is not a variable namespace; AWSTOE knows \`aws:ssm:\`, \`env:\`, \`aws:imds:\` and \`context:\`.${secrets}`)];
    }
    default:
      if (occurrence.expression === '') return [diagnostic('undefined-reference', range, '`{{ }}` is empty: put the name of a parameter or constant between the braces.')];
      return [diagnostic('undefined-reference', range, `${text} is not a reference AWSTOE understands: use a parameter or constant name, \`loop.value\`, \`phase.step.outputs.key\` or a \`namespace:name\` variable.`)];
  }
}

function loopReference(step: StepModel, reference: Extract<Reference, { kind: 'loop' }>, range: Range, text: string, loopNames: Map<string, StepModel>): Diagnostic[] {
  const { loop } = reference;
  if (loop === 'loop') {
    // A malformed `loop` (reported by the loop rules) still makes `loop.*` the step's own.
    return step.loopPair ? [] : [diagnostic('loop-reference-out-of-scope', range, `${text} is used in step \`${step.name ?? '?'}\`, which has no \`loop\`; AWSTOE leaves it unresolved.`)];
  }
  if (step.loopName === loop) return [];
  const owner = loopNames.get(loop);
  if (owner) {
    return [diagnostic('loop-reference-out-of-scope', range, `Loop \`${loop}\` belongs to step \`${owner.name ?? '?'}\`; its variables exist only inside that step's inputs, so ${text} stays unresolved here.`)];
  }
  const known = [...loopNames.keys()];
  return [diagnostic('undefined-reference', range, `${text}: no loop is named \`${loop}\`.${hint(loop, ['loop', ...known])}`)];
}

function chaining(model: ComponentModel, step: StepModel, reference: Extract<Reference, { kind: 'chaining' }>, range: Range, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const phase = model.phases.find((p) => p.name === reference.phase);
  if (!phase) {
    const phases = model.phases.map((p) => p.name ?? '');
    return [diagnostic('invalid-chaining', range, `${text}: there is no phase \`${reference.phase}\`.${hint(reference.phase, phases)}`,
      { replacement: suggested(reference.phase, phases, (name) => chainingText({ ...reference, phase: name })) })];
  }
  const target = phase.steps.find((s) => s.name === reference.step);
  if (!target) {
    const steps = phase.steps.map((s) => s.name ?? '');
    return [diagnostic('invalid-chaining', range, `${text}: phase \`${phase.name}\` has no step \`${reference.step}\`.${hint(reference.step, steps)}`,
      { replacement: suggested(reference.step, steps, (name) => chainingText({ ...reference, step: name })) })];
  }
  const problems = chainingProblems(step, target);
  if (problems.includes('self')) {
    out.push(diagnostic('invalid-chaining', range, `${text} refers to the step it is used in; chaining reads values of earlier steps.`));
  } else if (problems.includes('later')) {
    out.push(diagnostic('invalid-chaining', range, `${text}: step \`${target.name}\` runs after this one, so its values do not exist yet.`));
  }
  if (problems.includes('cross-stage')) {
    out.push(diagnostic('cross-stage-chaining', range,
      `${text} chains from the ${stageOf(target.phase.name)} stage into the ${stageOf(step.phase.name)} stage; Image Builder runs them separately (the test stage on a new instance), so the value is not available. Pass it as a parameter instead.`));
  }
  if (!target.spec) return out;
  if (reference.section === 'outputs') {
    const outputs = target.spec.outputs.map((o) => o.name);
    if (!outputs.includes(reference.key)) {
      out.push(diagnostic('invalid-chaining', range, outputs.length
        ? `\`${target.spec.name}\` has no output \`${reference.key}\`; its outputs are ${outputs.map((o) => `\`${o}\``).join(', ')}.`
        : `\`${target.spec.name}\` produces no outputs, so ${text} has nothing to read.`,
        { replacement: suggested(reference.key, outputs, (key) => chainingText({ ...reference, key })) }));
    }
    return out;
  }
  const items = inputItems(target, model.doc);
  const isList = target.spec.inputsShape === 'list';
  const index = reference.index ?? 0;
  if (isList && reference.index === undefined) {
    out.push(diagnostic('invalid-chaining', range, `\`inputs\` of \`${target.spec.name}\` is a list: write \`${reference.phase}.${reference.step}.inputs[0].${reference.key}\`.`,
      { replacement: chainingText({ ...reference, index: 0 }) }));
  } else if (index >= items.length) {
    out.push(diagnostic('invalid-chaining', range, `Step \`${target.name}\` has ${items.length} input item${items.length === 1 ? '' : 's'}; index ${index} is out of range (indexes start at 0).`));
  } else if (!items[index].items.some((p) => isPair(p) && isScalar(p.key) && p.key.value === reference.key)) {
    out.push(diagnostic('invalid-chaining', range, `Step \`${target.name}\` does not set input \`${reference.key}\`${isList ? ` in item ${index}` : ''}.`));
  }
  return out;
}

/** L23: `key: {{ x }}` unquoted is a YAML flow mapping whose key is another mapping. */
function unquoted(model: ComponentModel, node: Node | null | undefined): Diagnostic[] {
  return findUnquotedReferences(node).filter((map) => map.range).map((map) => {
    const source = model.parsed.text.slice(map.range![0], map.range![1]);
    return diagnostic('unquoted-reference', model.lines.range(map.range![0], map.range![1]),
      `A value starting with \`{{\` must be quoted: YAML reads \`${source}\` as a mapping. Write '${source}'.`, { replacement: `'${source.replace(/'/g, "''")}'` });
  });
}

/** The closest candidate written as a replacement, when there is a likely typo. */
function suggested(word: string, candidates: string[], write: (candidate: string) => string): string | undefined {
  const suggestion = closest(word, candidates.filter(Boolean));
  return suggestion === undefined ? undefined : write(suggestion);
}

function chainingText(reference: Extract<Reference, { kind: 'chaining' }>): string {
  return `{{ ${reference.phase}.${reference.step}.${reference.section}${reference.index === undefined ? '' : `[${reference.index}]`}.${reference.key} }}`;
}

function hint(word: string, candidates: string[]): string {
  const suggestion = closest(word, candidates.filter(Boolean));
  return suggestion ? ` Did you mean \`${suggestion}\`?` : '';
}

/**
 * L43 is about SecureStrings, which the document cannot tell apart from plain parameters (spec
 * V8 prints a config path): only names that look secret count, and a step, phase or document
 * with `disableLogging: true` keeps the value out of the logs anyway.
 */
function looksSecret(model: ComponentModel, reference: Extract<Reference, { kind: 'ssm' }>): boolean {
  let name = reference.resolveArgument ?? reference.name;
  if (reference.resolveArgument !== undefined && !name.startsWith('aws:ssm:')) {
    // `resolve(Param)`: the SSM name is the parameter's default (or the constant's value).
    const variable = model.variables.find((v) => v.name === name);
    name = stringValue(getNode(variable?.definition, variable?.section === 'constants' ? 'value' : 'default', model.doc), model.doc) ?? '';
  }
  return name.replace(/^aws:ssm:/, '').startsWith('/aws/reference/secretsmanager/') || looksLikeSecret(name);
}

function loggingDisabled(model: ComponentModel, step: StepModel): boolean {
  return [step.node, step.phase.node, model.root].some((node) => {
    const flag = getNode(node, 'disableLogging', model.doc);
    return isScalar(flag) && flag.value === true;
  });
}

function lineAround(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? text.length : end);
}
