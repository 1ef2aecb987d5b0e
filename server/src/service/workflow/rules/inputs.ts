/**
 * B.2: keys of `inputs`, at every level, that the action does not define. The schema knows them
 * too, but lists every `key.$` twice in its message; here they are named once, and the chained-
 * only `distributedImages` gets its own advice.
 */
import { keyRange, keyText } from '../../ast';
import { diagnostic } from '../../diagnostics';
import { closest, didYouMean, oneOfList } from '../../shared/suggest';
import type { Diagnostic } from '../../types';
import { baseKey, walkInputs } from '../inputs';
import type { WorkflowRule } from './context';

export const checkInputKeys: WorkflowRule = (model) => {
  const out: Diagnostic[] = [];
  for (const step of model.steps) {
    const spec = step.spec;
    if (!spec) continue;
    const chainedOnly = new Set(spec.chainedOnly ?? []);
    walkInputs(model, step, {
      mapping(map, place) {
        const schema = place.schema;
        if (!schema || schema.additionalProperties !== false) return;
        const known = Object.keys(schema.properties ?? {});
        const atTop = place.path.length === 0;
        const inList = typeof place.path[place.path.length - 1] === 'number';
        const owner = atTop ? `\`${spec.name}\` has no input`
          : inList ? `Items of \`${place.key}\` (in \`${spec.name}\`) have no key` : `\`${place.key}\` (in \`${spec.name}\`) has no key`;
        for (const pair of map.items) {
          const key = keyText(pair);
          if (key === undefined) continue;
          const base = baseKey(key);
          const range = keyRange(model.lines, pair);
          if (atTop && chainedOnly.has(base) && key === base) {
            out.push(diagnostic('unknown-input', range,
              `\`${base}\` is accepted only in chained form: write \`${base}.$: "$.stepOutputs.<DistributeImage step>.${base}"\`.`,
              { key, action: spec.name, replacement: `${base}.$` }));
          } else if (!known.includes(base)) {
            const names = known.map((k) => (atTop && chainedOnly.has(k) ? `${k}.$` : k));
            // The suggestion keeps the `.$` as written (and adds it where only the chained form is accepted).
            const suggestion = closest(base, known);
            const replacement = suggestion && (key !== base || (atTop && chainedOnly.has(suggestion))) ? `${suggestion}.$` : suggestion;
            out.push(diagnostic('unknown-input', range,
              `${owner} \`${key}\`.${didYouMean(base, known)} ${atTop ? 'Its inputs are' : 'The keys are'} ${oneOfList(names)} (each may be written \`key.$\` with a JSONPath).`,
              { key, action: spec.name, replacement }));
          }
        }
      },
    });
  }
  return out;
};
