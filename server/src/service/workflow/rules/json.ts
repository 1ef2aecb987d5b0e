/**
 * B.2: WaitForAction `payload` and ExecuteStateMachine `input` must be valid JSON once their
 * `{{ $... }}` interpolations are filled in. A warning, not an error: the official
 * gated-distribution sample (spec A.9) passes plain text as a payload.
 */
import { isScalar } from 'yaml';
import { findPair, valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../types';
import { withoutInterpolations } from '../jsonpath';
import { pairValue } from '../model';
import type { WorkflowRule } from './context';

const JSON_INPUTS: Record<string, string> = { WaitForAction: 'payload', ExecuteStateMachine: 'input' };

export const checkJsonInputs: WorkflowRule = (model) => {
  const out: Diagnostic[] = [];
  for (const step of model.steps) {
    const key = step.action ? JSON_INPUTS[step.action] : undefined;
    if (!key || !step.inputs) continue;
    for (const written of [key, `${key}.$`]) {
      const pair = findPair(step.inputs, written);
      const node = pairValue(model, pair);
      if (!pair || !isScalar(node) || typeof node.value !== 'string') continue;
      const text = node.value.trim();
      // A bare JSONPath on the chained key is resolved, not parsed.
      if (written.endsWith('.$') && text.startsWith('$') && !text.includes('{{')) continue;
      const problem = jsonProblem(withoutInterpolations(text));
      if (problem) {
        out.push(diagnostic('invalid-json', valueRange(model.lines, pair),
          `\`${key}\` of \`${step.action}\` must be valid JSON once its \`{{ }}\` references are filled in (${problem}). Write an object such as \`{"message": "..."}\` or a quoted JSON string.`));
      }
    }
  }
  return out;
};

function jsonProblem(text: string): string | undefined {
  if (!/^[{["0-9tfn-]/.test(text)) return 'it is plain text';
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node quotes the filled-in text; the range already shows where it is.
    // Positions refer to the filled-in text, so they are dropped too.
    return message.split('\n')[0].replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/, '').replace(/ in JSON at position \d+.*$/, '').replace(/\.$/, '');
  }
}
