/**
 * What a workflow step can see: the one place that decides it, read by the reference rules,
 * completion and navigation alike. Steps run in document order (spec A.3), so a step reads the
 * outputs of earlier steps; document outputs are read after the last step and see them all.
 */
import type { WorkflowModel, WorkflowStep } from './model';

/** Whether a reference written in `from` (none: a document output) may read `source`'s outputs. */
export function canReadOutputsOf(source: WorkflowStep, from: WorkflowStep | undefined): boolean {
  return from === undefined || source.index < from.index;
}

/** Named steps whose outputs `from` may read, in document order. */
export function readableSteps(model: WorkflowModel, from: WorkflowStep | undefined): WorkflowStep[] {
  return model.steps.filter((s) => s.name !== undefined && model.stepByName.get(s.name) === s && canReadOutputsOf(s, from));
}
