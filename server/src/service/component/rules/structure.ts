/** L02 runnable phase, L03/L04 unique names, L41 the component type Image Builder assigns. */
import { findPair, keyRange, valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../types';
import { RUNNABLE_PHASES } from '../model';
import type { ComponentRule } from './context';

export const checkStructure: ComponentRule = (model) => {
  const out: Diagnostic[] = [];
  const { lines, phases } = model;

  const named = phases.filter((p) => p.name !== undefined);
  if (named.length > 0 && !named.some((p) => RUNNABLE_PHASES.includes(p.name!))) {
    const pair = findPair(model.root, 'phases');
    out.push(diagnostic('missing-phases', pair ? keyRange(lines, pair) : lines.range(0, 0),
      `No phase is named \`build\`, \`validate\` or \`test\` (found ${named.map((p) => `\`${p.name}\``).join(', ')}); AWSTOE needs at least one, and Image Builder runs only those (and \`container-host-test\`).`));
  }

  const seenPhases = new Map<string, number>();
  for (const phase of named) {
    const first = seenPhases.get(phase.name!);
    if (first !== undefined) {
      out.push(diagnostic('duplicate-phase-name', valueRange(lines, phase.namePair!), `Phase \`${phase.name}\` is already defined (phase ${first + 1}); phase names must be unique.`));
    } else seenPhases.set(phase.name!, phase.index);
  }

  for (const phase of phases) {
    const seenSteps = new Map<string, number>();
    for (const step of phase.steps) {
      if (step.name === undefined) continue;
      const first = seenSteps.get(step.name);
      if (first !== undefined) {
        out.push(diagnostic('duplicate-step-name', valueRange(lines, step.namePair!),
          `Step \`${step.name}\` is already defined in phase \`${phase.name ?? phase.index + 1}\` (step ${first + 1}); step names must be unique within a phase.`));
      } else seenSteps.set(step.name, step.index);
    }
  }

  // L41: a document with exactly one phase, named test, becomes a TEST component.
  if (named.length > 0 && named.length === phases.length) {
    const pair = findPair(model.root, 'phases');
    const range = pair ? keyRange(lines, pair) : lines.range(0, 0);
    if (phases.length === 1 && phases[0].name === 'test') {
      out.push(diagnostic('component-type', range, 'Image Builder will create this as a TEST component (its only phase is `test`): it runs in the test stage, after the image is created.'));
    } else if (named.some((p) => p.name === 'test')) {
      out.push(diagnostic('component-type', range, 'Image Builder will create this as a BUILD component: `build` and `validate` run before the image is created, `test` runs later on an instance launched from the new image.'));
    }
  }
  return out;
};
