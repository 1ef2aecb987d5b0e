/**
 * A.5/A.6: what every JSONPath names. `$.parameters.<name>` is declared and of a type that fits
 * its place; `$.stepOutputs.<step>.<output>` names an earlier step and an output of its action;
 * `$.imagebuilder.<variable>` is a system variable; `$.workflowOutputs.<name>` is well formed.
 */
import { diagnostic } from '../../diagnostics';
import { parameterTypeFor } from '../../fixData';
import { closest } from '../../shared/suggest';
import type { Diagnostic } from '../../types';
import { SYSTEM_VARIABLES, UNLISTED_OUTPUTS } from '../actions';
import { formatJsonPath, parseJsonPath, REFERENCE_ROOTS, type PathSegment } from '../jsonpath';
import { stepLabel, type WorkflowModel } from '../model';
import { canReadOutputsOf } from '../scope';
import { collectReferences, type Expected, type ReferenceUse } from '../references';
import type { WorkflowRule } from './context';

const VARIABLES = new Map(SYSTEM_VARIABLES.map((v) => [v.name, v]));
const DOCUMENTED_VARIABLES = SYSTEM_VARIABLES.filter((v) => v.documented).map((v) => v.name);

export const checkReferences: WorkflowRule = (model) => {
  const out: Diagnostic[] = [];
  for (const use of collectReferences(model)) out.push(...check(model, use));
  return out;
};

function check(model: WorkflowModel, use: ReferenceUse): Diagnostic[] {
  const parsed = parseJsonPath(use.path);
  if (!parsed.ok) return [diagnostic('invalid-jsonpath', use.range, `\`${use.path}\` is not a well-formed JSONPath: ${parsed.problem}.`)];
  const [root, ...rest] = parsed.segments;
  switch (root) {
    case 'parameters':
      return parameter(model, use, rest);
    case 'stepOutputs':
      return stepOutput(model, use, rest);
    case 'imagebuilder':
      return systemVariable(use, rest);
    case 'workflowOutputs':
      return typeof rest[0] === 'string' ? [] : [diagnostic('invalid-jsonpath', use.range, `Name the output of an earlier workflow: \`$.workflowOutputs.<name>\`, e.g. \`$.workflowOutputs.ImageId\`.`)];
    default: {
      const suggestion = closest(String(root), [...REFERENCE_ROOTS]);
      return [diagnostic('invalid-jsonpath', use.range,
        `\`$.${String(root)}\` is not something a workflow can reference.${suggestion ? ` Did you mean \`$.${suggestion}\`?` : ''} References start with \`$.parameters\`, \`$.stepOutputs\`, \`$.workflowOutputs\` or \`$.imagebuilder\`.`)];
    }
  }
}

/** Whether a parameter of this declared type can feed a place that expects `expected`. */
function fits(type: string, expected: Expected | undefined): boolean {
  switch (expected) {
    case undefined:
    case 'text':
      return true;
    case 'scalar':
      return type !== 'stringList';
    case 'number':
    case 'integer':
      return type === 'integer';
    case 'array':
      return type === 'stringList';
    case 'object':
      return false;
    default:
      return type === expected;
  }
}

const EXPECTED_WORDS: Record<Expected, string> = {
  string: 'text', integer: 'a whole number', number: 'a number', boolean: '`true` or `false`', array: 'a list', object: 'a mapping', text: 'text', scalar: 'a single value',
};

function parameter(model: WorkflowModel, use: ReferenceUse, rest: PathSegment[]): Diagnostic[] {
  const [name, ...more] = rest;
  if (typeof name !== 'string') return [diagnostic('invalid-jsonpath', use.range, 'Name the parameter: `$.parameters.<name>`.')];
  const declared = model.parameterByName.get(name);
  if (!declared) {
    const names = [...model.parameterByName.keys()];
    const suggestion = closest(name, names);
    return [diagnostic('undefined-parameter', use.range,
      `No parameter \`${name}\` is declared.${suggestion ? ` Did you mean \`${suggestion}\`?` : ` Declare it under \`parameters:\` (\`- name: ${name}\` with a \`type\`).`}`,
      { name, type: parameterTypeFor(use.expected), replacement: suggestion ? formatJsonPath(['parameters', suggestion, ...more]) : undefined })];
  }
  let type = declared.type;
  if (more.length > 0) {
    // An item of a stringList is a string; nothing else has parts.
    if (type === 'stringList' && more.length === 1 && typeof more[0] === 'number') type = 'string';
    else return [diagnostic('invalid-jsonpath', use.range, `Parameter \`${name}\` is a \`${type}\`; it has no parts to select${type === 'stringList' ? ' other than an item such as `[0]`' : ''}.`)];
  }
  if (fits(type, use.expected)) return [];
  return [diagnostic('parameter-type-mismatch', use.range,
    `Parameter \`${name}\` is a \`${type}\`, but ${use.subject} takes ${EXPECTED_WORDS[use.expected!]}.`,
    { name, type, expected: use.expected! })];
}

function stepOutput(model: WorkflowModel, use: ReferenceUse, rest: PathSegment[]): Diagnostic[] {
  // Document outputs are read after the last step, so any step will do; their problems are `invalid-output`.
  const code = use.where === 'output' ? 'invalid-output' : 'invalid-step-output';
  const [stepName, output] = rest;
  if (typeof stepName !== 'string') return [diagnostic(code, use.range, 'Name a step and one of its outputs: `$.stepOutputs.<step>.<output>`.')];
  const source = model.stepByName.get(stepName);
  if (!source) {
    const suggestion = closest(stepName, [...model.stepByName.keys()]);
    return [diagnostic(code, use.range, `No step is named \`${stepName}\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
      suggestion ? { replacement: formatJsonPath(['stepOutputs', suggestion, ...rest.slice(1)]) } : undefined)];
  }
  if (!canReadOutputsOf(source, use.step)) {
    const when = source === use.step ? 'is this step itself' : `runs after this one (step ${source.index + 1})`;
    return [diagnostic(code, use.range, `Step ${stepLabel(source)} ${when}; a step can read outputs of earlier steps only.`)];
  }
  const spec = source.spec;
  if (!spec) return [];
  const names = spec.outputs.map((o) => o.name);
  if (typeof output !== 'string') {
    return [diagnostic(code, use.range, names.length ? `Name one output of ${stepLabel(source)}: ${names.map((n) => `\`${n}\``).join(', ')}.` : `\`${spec.name}\` produces no outputs.`)];
  }
  if (names.includes(output)) return [];
  if (UNLISTED_OUTPUTS[spec.name]?.includes(output)) {
    return [diagnostic(code, use.range, `\`${output}\` is used in a documentation example but is not among the documented outputs of \`${spec.name}\` (${names.map((n) => `\`${n}\``).join(', ')}); it may not resolve.`)];
  }
  if (!names.length) return [diagnostic(code, use.range, `\`${spec.name}\` produces no outputs, so ${stepLabel(source)} has no \`${output}\`.`)];
  const suggestion = closest(output, names);
  return [diagnostic(code, use.range,
    `\`${spec.name}\` has no output \`${output}\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''} Its outputs are ${names.map((n) => `\`${n}\``).join(', ')}.`,
    suggestion ? { replacement: formatJsonPath(['stepOutputs', stepName, suggestion, ...rest.slice(2)]) } : undefined)];
}

function systemVariable(use: ReferenceUse, rest: PathSegment[]): Diagnostic[] {
  const [name] = rest;
  if (typeof name !== 'string') return [diagnostic('invalid-jsonpath', use.range, 'Name a system variable: `$.imagebuilder.<variable>`, e.g. `$.imagebuilder.imageType`.')];
  const variable = VARIABLES.get(name);
  if (variable?.documented) return [];
  if (variable) {
    return [diagnostic('unknown-system-variable', use.range, `\`$.imagebuilder.${name}\` appears in a documentation example but not in the table of system variables; it may not resolve.`)];
  }
  const suggestion = closest(name, DOCUMENTED_VARIABLES);
  const sameLetters = suggestion?.toLowerCase() === name.toLowerCase();
  return [diagnostic('unknown-system-variable', use.range,
    `\`$.imagebuilder.${name}\` is not a system variable.${suggestion ? ` Did you mean \`${suggestion}\`?${sameLetters ? ' Names are case-sensitive.' : ''}` : ` The variables are ${DOCUMENTED_VARIABLES.map((n) => `\`${n}\``).join(', ')}.`}`,
    suggestion ? { replacement: `$.imagebuilder.${suggestion}` } : undefined)];
}
