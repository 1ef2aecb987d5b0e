/** A.8: document output names are unique (they must be unique across the whole image build). */
import { valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../types';
import type { WorkflowRule } from './context';

export const checkOutputs: WorkflowRule = (model) => {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const output of model.outputs) {
    if (output.name === undefined || !output.namePair) continue;
    if (seen.has(output.name)) {
      out.push(diagnostic('invalid-output', valueRange(model.lines, output.namePair),
        `Output \`${output.name}\` is already defined; output names must be unique across all workflows of the image build.`));
    }
    seen.add(output.name);
  }
  return out;
};
