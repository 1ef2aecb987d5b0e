/**
 * A.5 and F5: a JSONPath belongs on a key ending in `.$`, and a `.$` key takes a JSONPath.
 * Either mismatch is a warning (the docs' own examples have both). Also B.2: `distributedImages.$`
 * must name the `distributedImages` output of an earlier DistributeImage step.
 */
import { isScalar, isSeq, type Node, type Pair } from 'yaml';
import { keyRange, nodeRange, resolve, valueRange } from '../../ast';
import { diagnostic } from '../../diagnostics';
import { closest } from '../../shared/suggest';
import type { Diagnostic, Range } from '../../types';
import { baseKey, branchFor, walkInputs, type InputPlace } from '../inputs';
import { looksLikeJsonPath, parseJsonPath } from '../jsonpath';
import { stepLabel, type WorkflowModel, type WorkflowStep } from '../model';
import { canReadOutputsOf } from '../scope';
import type { WorkflowRule } from './context';

const isPath = (value: unknown): boolean => typeof value === 'string' && value.trim().startsWith('$');
/** F5: text with `{{ $... }}` on a `.$` key is accepted (the step-functions sample does it). */
const interpolates = (value: unknown): boolean => typeof value === 'string' && /\{\{\s*\$/.test(value);

export const checkChaining: WorkflowRule = (model) => {
  const out: Diagnostic[] = [];
  for (const step of model.steps) {
    walkInputs(model, step, {
      pair(pair, place) {
        if (!place.chained) return;
        if (place.path.length === 1 && place.key === 'distributedImages.$') out.push(...distributedImages(model, step, pair));
        else out.push(...chainedValue(model, pair, place));
      },
      scalar(node, place) {
        if (place.chained || !looksLikeJsonPath(node.value) || interpolates(node.value)) return;
        // A plain `distributedImages:` is reported by the inputs rule, with the same advice.
        if (place.path.length === 1 && step.spec?.chainedOnly?.includes(place.key)) return;
        const pair = place.pair;
        const key = baseKey(place.key);
        out.push(diagnostic('jsonpath-without-suffix', pair ? keyRange(model.lines, pair) : nodeRange(model.lines, node),
          `\`${key}\` holds a JSONPath but its key has no \`.$\`, so Image Builder may pass the text \`${String(node.value).trim()}\` literally. Write \`${key}.$:\` to resolve it.`,
          pair ? { key: place.key, replacement: `${key}.$` } : undefined));
      },
    });
  }
  return out;
};

function chainedValue(model: WorkflowModel, pair: Pair, place: InputPlace): Diagnostic[] {
  const { lines } = model;
  const value = resolve(pair.value, model.doc);
  const key = baseKey(place.key);
  const literal = (range: Range, what: string) => diagnostic('literal-on-chained-key', range,
    `\`${place.key}\` takes a JSONPath such as \`$.stepOutputs.<step>.<output>\` or \`$.parameters.<name>\`, but ${what}. For a literal value write \`${key}:\` without \`.$\`.`,
    { key: place.key, replacement: key });

  if (isScalar(value)) {
    return isPath(value.value) || interpolates(value.value) ? [] : [literal(valueRange(lines, pair), `\`${String(value.value)}\` is not one`)];
  }
  if (!isSeq(value)) return [literal(keyRange(lines, pair), 'it holds no JSONPath')];
  // A list of JSONPaths is read item by item, where the input is a list (RunCommand parameters).
  if (branchFor(place.schema, value)?.type !== 'array') return [literal(keyRange(lines, pair), 'it holds a list; it takes one JSONPath')];
  return value.items
    .map((item) => resolve(item, model.doc))
    .filter((item): item is Node => !!item && !(isScalar(item) && isPath(item.value)))
    .map((item) => literal(nodeRange(lines, item), 'this item is not a JSONPath'));
}

function distributedImages(model: WorkflowModel, step: WorkflowStep, pair: Pair): Diagnostic[] {
  const node = resolve(pair.value, model.doc);
  const sources = model.steps.filter((s) => s.action === 'DistributeImage' && s.index < step.index && s.name !== undefined);
  const example = `$.stepOutputs.${sources[0]?.name ?? '<DistributeImage step>'}.distributedImages`;
  const report = (problem: string) => [diagnostic('distributed-images-source', valueRange(model.lines, pair),
    `${problem} \`distributedImages.$\` must name the \`distributedImages\` output of an earlier DistributeImage step: \`${example}\`.`,
    { replacement: sources.length ? example : undefined })];

  if (!isScalar(node) || typeof node.value !== 'string') return report('This is not a JSONPath.');
  const parsed = parseJsonPath(node.value);
  if (!parsed.ok || parsed.segments[0] !== 'stepOutputs') return report(`\`${node.value.trim()}\` does not point at a step output.`);
  const [, stepName, output, ...rest] = parsed.segments;
  const source = typeof stepName === 'string' ? model.stepByName.get(stepName) : undefined;
  if (!source) {
    const suggestion = closest(String(stepName ?? ''), sources.map((s) => s.name!));
    return report(`No step is named \`${String(stepName ?? '')}\`.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`);
  }
  if (source.action !== 'DistributeImage') return report(`Step ${stepLabel(source)} runs \`${source.action ?? '?'}\`, not DistributeImage.`);
  if (!canReadOutputsOf(source, step)) return report(`Step ${stepLabel(source)} ${source === step ? 'is this step' : 'runs after this one'}.`);
  if (output !== 'distributedImages' || rest.length > 0) return report(`\`${node.value.trim()}\` is not the whole \`distributedImages\` output.`);
  return [];
}
