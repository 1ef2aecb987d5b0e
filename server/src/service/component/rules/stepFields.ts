/** L09 ExecuteDocument step fields, L10 Reboot with a step timeout. */
import { findPair, keyRange, scalarText, valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../types';
import type { ComponentRule } from './context';

export const checkStepFields: ComponentRule = (model) => {
  const out: Diagnostic[] = [];
  const { lines, doc } = model;
  for (const step of model.steps) {
    if (step.action === 'ExecuteDocument') {
      const timeout = findPair(step.node, 'timeoutSeconds');
      if (timeout && scalarText(timeout.value, doc) !== '-1') {
        out.push(diagnostic('execute-document-step-field', valueRange(lines, timeout), 'ExecuteDocument steps always run without a timeout: `timeoutSeconds` may only be `-1`; remove it.'));
      }
      const attempts = findPair(step.node, 'maxAttempts');
      if (attempts && scalarText(attempts.value, doc) !== '1') {
        out.push(diagnostic('execute-document-step-field', valueRange(lines, attempts), 'ExecuteDocument steps are never retried: `maxAttempts` may only be `1`; remove it.'));
      }
    }
    if (step.action === 'Reboot') {
      const timeout = findPair(step.node, 'timeoutSeconds');
      if (timeout) out.push(diagnostic('reboot-timeout', keyRange(lines, timeout), 'The Reboot module does not support a step timeout; `timeoutSeconds` has no effect here.'));
    }
  }
  return out;
};
