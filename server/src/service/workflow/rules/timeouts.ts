/** B.3 and F1: `timeoutSeconds` is a whole number from 1 to the action's maximum; above 86,400 warns. */
import { isScalar } from 'yaml';
import { findPair, valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../types';
import { pairValue } from '../model';
import type { WorkflowRule } from './context';

/** The document-structure page's limit (S4); several actions allow more (F1). */
const DOCUMENT_LIMIT = 86400;

function duration(seconds: number): string {
  if (seconds % 86400 === 0) return `${seconds / 86400} day${seconds === 86400 ? '' : 's'}`;
  if (seconds % 3600 === 0) return `${seconds / 3600} hours`;
  return `${seconds / 60} minutes`;
}

export const checkTimeouts: WorkflowRule = (model) => {
  const out: Diagnostic[] = [];
  for (const step of model.steps) {
    const pair = findPair(step.node, 'timeoutSeconds');
    if (!pair) continue;
    const node = pairValue(model, pair);
    const value = isScalar(node) ? node.value : undefined;
    const range = valueRange(model.lines, pair);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      out.push(diagnostic('invalid-timeout', range, '`timeoutSeconds` must be a whole number of seconds, e.g. `3600`.'));
      continue;
    }
    if (value < 1) {
      out.push(diagnostic('invalid-timeout', range, '`timeoutSeconds` must be at least 1; leave it out to use the action\'s default.'));
      continue;
    }
    const spec = step.spec;
    if (!spec) continue;
    if (value > spec.maxTimeoutSeconds) {
      out.push(diagnostic('invalid-timeout', range,
        `\`${spec.name}\` allows at most ${spec.maxTimeoutSeconds} seconds (${duration(spec.maxTimeoutSeconds)}); a larger \`timeoutSeconds\` fails validation. Its default is ${spec.defaultTimeoutSeconds}.`,
        { maximum: spec.maxTimeoutSeconds }));
    } else if (value > DOCUMENT_LIMIT) {
      out.push(diagnostic('timeout-above-86400', range,
        `\`${spec.name}\` allows up to ${spec.maxTimeoutSeconds} seconds, but the document-structure page limits \`timeoutSeconds\` to ${DOCUMENT_LIMIT} (24 hours); stay at or below that to be safe.`));
    }
  }
  return out;
};
