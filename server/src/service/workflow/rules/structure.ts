/** A.3/A.4: step names (unique, pattern per F2), known actions, description length (F3). */
import { isScalar } from 'yaml';
import { findPair, valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import { didYouMean } from '../../shared/suggest';
import type { Diagnostic } from '../../types';
import { WORKFLOW_ACTIONS } from '../actions';
import { pairValue } from '../model';
import { STEP_NAME_SAFE, STEP_NAME_UNION } from '../schema';
import type { WorkflowRule } from './context';

const UNION = new RegExp(STEP_NAME_UNION);
const SAFE = new RegExp(STEP_NAME_SAFE);
const ACTION_NAMES = WORKFLOW_ACTIONS.map((a) => a.name);
/** F3: the runtime metadata keeps at most 500 characters of a step description. */
const DESCRIPTION_KEPT = 500;

export const checkStructure: WorkflowRule = (model) => {
  const out: Diagnostic[] = [];
  const { lines } = model;
  const seen = new Map<string, number>();

  for (const step of model.steps) {
    if (step.name !== undefined && step.namePair) {
      const range = valueRange(lines, step.namePair);
      const first = seen.get(step.name);
      if (first !== undefined) {
        out.push(diagnostic('duplicate-step-name', range, `Step \`${step.name}\` is already defined (step ${first + 1}); step names must be unique in a workflow.`));
      } else seen.set(step.name, step.index);

      if (!UNION.test(step.name)) {
        out.push(diagnostic('invalid-step-name', range,
          `Step name ${JSON.stringify(step.name)} is not valid: use 3 to 100 letters, digits or \`_\`, starting with a letter (e.g. \`LaunchBuildInstance\`).`));
      } else if (!SAFE.test(step.name)) {
        const why = /^[A-Za-z]/.test(step.name) ? (step.name.length < 3 ? 'is shorter than the 3 characters the document rules ask for' : 'contains `-`, which the document rules do not allow') : 'does not start with a letter, as the API\'s step-name pattern requires';
        out.push(diagnostic('invalid-step-name', range,
          `Step name ${JSON.stringify(step.name)} ${why}; names of 3 to 100 letters, digits or \`_\` starting with a letter are accepted everywhere.`,
          undefined, 'warning'));
      }
    }

    const action = pairValue(model, step.actionPair);
    if (step.actionPair && !step.spec) {
      const given = isScalar(action) ? String(action.value ?? '') : '';
      if (!isScalar(action) || given === '') {
        out.push(diagnostic('unknown-action', valueRange(lines, step.actionPair), `\`action\` must name a step action, e.g. \`LaunchInstance\`.`));
        continue;
      }
      const hint = given === 'BuildImage' ? ' There is no BuildImage action: a build workflow launches an instance, runs `ExecuteComponents` and then `CreateImage`.' : didYouMean(given, ACTION_NAMES);
      out.push(diagnostic('unknown-action', valueRange(lines, step.actionPair),
        `\`${given}\` is not a step action.${hint}`, { action: given, suggestion: hint.match(/`([^`]+)`\?$/)?.[1] }));
    }

    const descriptionPair = findPair(step.node, 'description');
    const description = pairValue(model, descriptionPair);
    if (descriptionPair && isScalar(description) && typeof description.value === 'string' && description.value.length > DESCRIPTION_KEPT && description.value.length <= 1024) {
      out.push(diagnostic('step-description-too-long', valueRange(lines, descriptionPair),
        `The description has ${description.value.length} characters; the document allows 1024, but the step's runtime record keeps at most ${DESCRIPTION_KEPT}.`));
    }
  }
  return out;
};
