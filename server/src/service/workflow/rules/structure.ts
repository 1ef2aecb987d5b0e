/** A.3/A.4: step names (unique, pattern per F2), known actions, description length (F3). */
import { isScalar } from 'yaml';
import { findPair, valueRange } from '../../ast';
import { COMPONENT_ACTIONS } from '../../component/actions';
import { diagnostic } from '../../diagnostics';
import { closest, didYouMean } from '../../shared/suggest';
import type { Diagnostic } from '../../types';
import { WORKFLOW_ACTIONS } from '../actions';
import { pairValue, type WorkflowModel, type WorkflowStep } from '../model';
import { STEP_NAME_SAFE, STEP_NAME_UNION } from '../schema';
import type { WorkflowRule } from './context';

const UNION = new RegExp(STEP_NAME_UNION);
const SAFE = new RegExp(STEP_NAME_SAFE);
const ACTION_NAMES = WORKFLOW_ACTIONS.map((a) => a.name);
const COMPONENT_MODULES = new Set(COMPONENT_ACTIONS.map((a) => a.name));
/** F3: the runtime metadata keeps at most 500 characters of a step description. */
const DESCRIPTION_KEPT = 500;

export const checkStructure: WorkflowRule = (model) => {
  const out: Diagnostic[] = [];
  const seen = new Map<string, number>();
  for (const step of model.steps) {
    if (step.name !== undefined && step.namePair) {
      const first = seen.get(step.name);
      if (first !== undefined) {
        out.push(diagnostic('duplicate-step-name', valueRange(model.lines, step.namePair),
          `Step \`${step.name}\` is already defined (step ${first + 1}); step names must be unique in a workflow.`));
      } else seen.set(step.name, step.index);
      out.push(...stepName(model, step, step.name));
    }
    out.push(...action(model, step), ...description(model, step));
  }
  return out;
};

/** F2: an error outside the union of S4 and the API pattern, a warning outside what both accept. */
function stepName(model: WorkflowModel, step: WorkflowStep, name: string): Diagnostic[] {
  const range = valueRange(model.lines, step.namePair!);
  if (!UNION.test(name)) {
    return [diagnostic('invalid-step-name', range,
      `Step name ${JSON.stringify(name)} is not valid: use 3 to 100 letters, digits or \`_\`, starting with a letter (e.g. \`LaunchBuildInstance\`).`)];
  }
  if (SAFE.test(name)) return [];
  const why = [
    /^[A-Za-z]/.test(name) ? '' : 'does not start with a letter, as the API\'s step-name pattern requires',
    name.includes('-') ? 'contains `-`, which the document-structure page does not allow' : '',
    name.length < 3 ? 'is shorter than the 3 characters the document-structure page asks for' : '',
    name.length > 100 ? 'is longer than the 100 characters the API\'s step-name pattern allows' : '',
  ].filter(Boolean).join(' and ');
  return [diagnostic('invalid-step-name', range,
    `Step name ${JSON.stringify(name)} ${why}; names of 3 to 100 letters, digits or \`_\` starting with a letter are accepted everywhere.`,
    undefined, 'warning')];
}

function action(model: WorkflowModel, step: WorkflowStep): Diagnostic[] {
  if (!step.actionPair || step.spec) return [];
  const range = valueRange(model.lines, step.actionPair);
  const node = pairValue(model, step.actionPair);
  const given = isScalar(node) ? String(node.value ?? '') : '';
  if (given === '') return [diagnostic('unknown-action', range, '`action` must name a step action, e.g. `LaunchInstance`.')];
  const suggestion = didYouMean(given, ACTION_NAMES);
  const hint = given === 'BuildImage' ? ' There is no BuildImage action: a build workflow launches an instance, runs `ExecuteComponents` and then `CreateImage`.'
    : COMPONENT_MODULES.has(given) ? ' It is an action module of component documents: put it in a component, which an `ExecuteComponents` step runs.'
    : suggestion;
  return [diagnostic('unknown-action', range, `\`${given}\` is not a step action.${hint}`,
    { action: given, replacement: hint === suggestion ? closest(given, ACTION_NAMES) : undefined })];
}

function description(model: WorkflowModel, step: WorkflowStep): Diagnostic[] {
  const pair = findPair(step.node, 'description');
  const node = pairValue(model, pair);
  // Over 1024 the schema reports it; 501 to 1024 is valid in the document but cut at run time.
  if (!pair || !isScalar(node) || typeof node.value !== 'string' || node.value.length <= DESCRIPTION_KEPT || node.value.length > 1024) return [];
  return [diagnostic('step-description-too-long', valueRange(model.lines, pair),
    `The description has ${node.value.length} characters; the document allows 1024, but the step's runtime record keeps at most ${DESCRIPTION_KEPT}.`)];
}
