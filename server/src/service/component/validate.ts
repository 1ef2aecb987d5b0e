/** Component documents: the schema first, then the semantic rules of spec section 9. */
import { diagnostic } from '../diagnostics';
import type { ParsedDocument } from '../parse';
import { validateAgainstSchema, type Segment } from '../shared/schemaValidation';
import type { Diagnostic, Range } from '../types';
import { COMPONENT_ACTIONS } from './actions';
import { buildComponentModel } from './model';
import { buildComponentSchema } from './schema';
import type { ComponentRule, ComponentRuleContext } from './rules/context';
import { checkStructure } from './rules/structure';
import { checkStepFields } from './rules/stepFields';
import { checkInputs } from './rules/inputs';
import { checkPlatform } from './rules/platform';
import { checkVariables } from './rules/variables';
import { checkReferences } from './rules/references';
import { checkLoops } from './rules/loops';
import { checkConditions } from './rules/conditions';
import { checkScripts } from './rules/scripts';

const RULES: ComponentRule[] = [
  checkStructure,
  checkStepFields,
  checkInputs,
  checkPlatform,
  checkVariables,
  checkReferences,
  checkLoops,
  checkConditions,
  checkScripts,
];

let schema: ReturnType<typeof buildComponentSchema> | undefined;
/** The schema is built once per process; it is the same object the JSON file is written from. */
export function componentSchema(): ReturnType<typeof buildComponentSchema> {
  schema ??= buildComponentSchema();
  return schema;
}

/**
 * Subtrees that rules check with better messages than a schema error could give: a step's
 * `if` and `loop`, and the expression that is the `inputs` of Assert.
 */
function coveredByRules(segments: Segment[], action: string | undefined, valueAt: (segments: Segment[]) => unknown): boolean {
  // A variable item with several keys gets one message about its shape, not one per key.
  if ((segments[0] === 'parameters' || segments[0] === 'constants') && segments.length > 2) {
    const item = valueAt(segments.slice(0, 2));
    return !!item && typeof item === 'object' && Object.keys(item).length > 1;
  }
  const at = segments.lastIndexOf('steps');
  if (at < 0 || typeof segments[at + 1] !== 'number') return false;
  const field = segments[at + 2];
  return field === 'if' || field === 'loop' || (field === 'inputs' && action === 'Assert');
}
const EXAMPLES = new Map(COMPONENT_ACTIONS.map((a) => [a.name, a.example]));

export function validateComponent(parsed: ParsedDocument, context: ComponentRuleContext): Diagnostic[] {
  if (parsed.value === undefined) return [];
  const schemaDiagnostics = validateAgainstSchema(parsed, componentSchema(), {
    noun: 'component',
    coveredByRules,
    exampleOf: (action) => EXAMPLES.get(action),
  });
  const model = buildComponentModel(parsed);
  const ruleDiagnostics: Diagnostic[] = [];
  if (model) {
    for (const rule of RULES) {
      try {
        ruleDiagnostics.push(...rule(model, context));
      } catch (error) {
        // A rule bug must not cost the user the other diagnostics; say so where it is seen.
        ruleDiagnostics.push(diagnostic('invalid-value', parsed.lines.range(0, 0), `Internal error in a rule (${rule.name}): ${String(error)}. Please report it.`, undefined, 'information'));
      }
    }
  }
  // An unquoted `{{ x }}` is one mistake: drop the schema's type errors on the same value.
  const unquoted = ruleDiagnostics.filter((d) => d.code === 'unquoted-reference').map((d) => d.range);
  const kept = schemaDiagnostics.filter((d) => !unquoted.some((r) => contains(r, d.range)));
  return [...kept, ...ruleDiagnostics];
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
