/**
 * B.1: which actions the workflow type allows, no mixing of AMI and container distribution,
 * CollectImageMetadata outside BUILD (F6), and what to do when the type is not declared.
 */
import { valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { WorkflowActionSpec } from '../../shared/knowledge';
import type { Diagnostic, WorkflowType } from '../../types';
import { stepLabel, type WorkflowModel, type WorkflowStep } from '../model';
import { WORKFLOW_TYPES } from '../schema';
import type { WorkflowRule } from './context';

/** How the type was found; `decidedBy` is the step whose action implies it. */
export interface ResolvedType {
  type?: WorkflowType;
  source: 'declared' | 'inferred' | 'unknown';
  decidedBy?: WorkflowStep;
}

const AMI_DISTRIBUTION = new Set(['DistributeImage', 'ModifyImageAttributes', 'ApplyImageConfigurations']);
const CONTAINER_DISTRIBUTION = 'DistributeContainerImage';

const typed = (model: WorkflowModel) => model.steps.filter((s): s is WorkflowStep & { spec: WorkflowActionSpec } => !!s.spec);

/**
 * Without a declared type, only actions allowed in exactly one type decide it (DistributeImage
 * and friends mean DISTRIBUTION, CollectImageScanFindings means TEST). When such actions
 * disagree, the type that leaves the fewest steps out of place wins (ties: the first such step),
 * so the errors land on the odd ones out.
 */
export function resolveWorkflowType(model: WorkflowModel, declared: WorkflowType | undefined): ResolvedType {
  if (declared) return { type: declared, source: 'declared' };
  const steps = typed(model);
  const deciding = steps.filter((s) => s.spec.types.length === 1);
  if (deciding.length === 0) return { source: 'unknown' };
  let best: ResolvedType | undefined;
  let fewest = Infinity;
  for (const step of deciding) {
    const type = step.spec.types[0];
    const misplaced = steps.filter((s) => !s.spec.types.includes(type)).length;
    if (misplaced < fewest) {
      fewest = misplaced;
      best = { type, source: 'inferred', decidedBy: step };
    }
  }
  return best!;
}

function allowedIn(types: readonly WorkflowType[]): string {
  if (types.length === 1) return `only in ${types[0]} workflows`;
  return `only in ${types.slice(0, -1).join(', ')} and ${types[types.length - 1]} workflows`;
}

export const checkWorkflowType: WorkflowRule = (model, context) => {
  const out: Diagnostic[] = [];
  const { lines } = model;
  const resolved = resolveWorkflowType(model, context.workflowType);
  const steps = typed(model);
  const { type } = resolved;

  if (type) {
    const because = resolved.source === 'inferred' && resolved.decidedBy
      ? ` (its type is taken from step ${stepLabel(resolved.decidedBy)}, which uses \`${resolved.decidedBy.action}\`; declare the type to be sure)`
      : '';
    for (const step of steps) {
      const range = valueRange(lines, step.actionPair!);
      if (!step.spec.types.includes(type)) {
        out.push(diagnostic('action-not-allowed', range,
          `\`${step.action}\` is not allowed in a ${type} workflow${because}; it runs ${allowedIn(step.spec.types)}. Move it to a workflow of that type.`,
          { action: step.spec.name, workflowType: type, allowed: step.spec.types }));
      } else if (step.action === 'CollectImageMetadata' && type !== 'BUILD') {
        out.push(diagnostic('collect-metadata-outside-build', range,
          `\`CollectImageMetadata\` is documented as "only valid for build workflows" (the action table also lists ${type}); collect metadata in the BUILD workflow.`));
      }
    }
  } else {
    // The note matters only when the type would change a verdict: an action not allowed in every
    // type, or CollectImageMetadata (warned outside BUILD). Otherwise all types agree; say nothing.
    const first = steps.find((s) => s.spec.types.length < WORKFLOW_TYPES.length || s.action === 'CollectImageMetadata');
    if (first) {
      const restricted = first.spec.types.length < WORKFLOW_TYPES.length;
      const where = restricted ? `\`${first.action}\` runs ${allowedIn(first.spec.types)}` : '`CollectImageMetadata` is meant for BUILD workflows';
      const example = restricted ? first.spec.types[0] : 'BUILD';
      out.push(diagnostic('workflow-type-unknown', valueRange(lines, first.actionPair!),
        `The workflow type is not declared, and ${where}; this document was checked as if it were any type. Declare the type with \`--workflow-type ${example}\`, in the project's metadata, or with a first-line comment \`# imagebuilder: type=${example}\`.`,
        { candidates: restricted ? first.spec.types : ['BUILD'] }));
    }
  }

  // B.1: a distribution workflow distributes either AMIs or container images.
  const container = steps.find((s) => s.action === CONTAINER_DISTRIBUTION);
  const ami = steps.find((s) => AMI_DISTRIBUTION.has(s.action!));
  if (container && ami) {
    const containerFirst = container.index < ami.index;
    const odd = steps.filter((s) => (containerFirst ? AMI_DISTRIBUTION.has(s.action!) : s.action === CONTAINER_DISTRIBUTION));
    const anchor = containerFirst ? container : ami;
    for (const step of odd) {
      out.push(diagnostic('mixed-distribution', valueRange(lines, step.actionPair!),
        `\`${step.action}\` cannot share a workflow with step ${stepLabel(anchor)} (\`${anchor.action}\`): a workflow distributes either AMIs or container images. Use a separate DISTRIBUTION workflow.`));
    }
  }
  return out;
};
