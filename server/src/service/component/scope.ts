/**
 * What a component step can see: the one place that decides it, read by the reference rules,
 * completion and navigation alike.
 */
import { BUILD_STAGE_PHASES, TEST_STAGE_PHASES, type ComponentModel, type StepModel } from './model';

export type Stage = 'build' | 'test';

/** Image Builder runs build/validate and test/container-host-test phases as separate stages (spec 3). */
export function stageOf(phase: string | undefined): Stage | undefined {
  if (!phase) return undefined;
  if (BUILD_STAGE_PHASES.has(phase)) return 'build';
  if (TEST_STAGE_PHASES.has(phase)) return 'test';
  return undefined;
}

/** Whether `target` runs before `from`: an earlier phase, or earlier in the same phase. */
export function runsBefore(target: StepModel, from: StepModel): boolean {
  return target.phase.index < from.phase.index || (target.phase.index === from.phase.index && target.index < from.index);
}

export type ChainingProblem = 'self' | 'later' | 'cross-stage';

/** Why `from` cannot chain to `target`, or nothing when it can (L26, L27). */
export function chainingProblems(from: StepModel, target: StepModel): ChainingProblem[] {
  const problems: ChainingProblem[] = [];
  if (target === from) problems.push('self');
  else if (!runsBefore(target, from)) problems.push('later');
  const a = stageOf(from.phase.name);
  const b = stageOf(target.phase.name);
  if (a && b && a !== b) problems.push('cross-stage');
  return problems;
}

/** Named steps whose inputs and outputs `from` may chain to, in document order. */
export function chainableSteps(model: ComponentModel, from: StepModel): StepModel[] {
  return model.steps.filter((s) => s.name !== undefined && s.phase.name !== undefined && chainingProblems(from, s).length === 0);
}

/**
 * Loop names whose `index` / `value` resolve inside `from`: `loop` and the step's own loop
 * name; a loop's variables exist only in its own step (L29).
 */
export function loopsInScope(from: StepModel): string[] {
  if (!from.loopPair) return [];
  return from.loopName !== undefined ? ['loop', from.loopName] : ['loop'];
}
