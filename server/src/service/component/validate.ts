/** Component documents: the schema first, then the semantic rules of spec section 9. */
import { isScalar, visit, type Node, type Pair } from 'yaml';
import { runRules } from '../shared/rules';
import type { ParsedDocument } from '../parse';
import { validateAgainstSchema, type Segment } from '../shared/schemaValidation';
import type { Diagnostic, Range } from '../types';
import { COMPONENT_ACTIONS } from './actions';
import { buildComponentModel, type ComponentModel } from './model';
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

export function validateComponent(parsed: ParsedDocument, context: ComponentRuleContext, prebuilt?: ComponentModel): Diagnostic[] {
  if (parsed.value === undefined) return [];
  const schemaDiagnostics = validateAgainstSchema(parsed, componentSchema(), {
    noun: 'component',
    coveredByRules,
    exampleOf: (action) => EXAMPLES.get(action),
  });
  const model = prebuilt ?? buildComponentModel(parsed);
  const ruleDiagnostics = model ? runRules(RULES, model, context, parsed.lines) : [];
  // An unquoted `{{ x }}` is one mistake: drop the schema's and other rules' type errors on
  // the same value (e.g. "items of forEach must be plain values").
  const unquoted = ruleDiagnostics.filter((d) => d.code === 'unquoted-reference').map((d) => d.range);
  const inUnquoted = (d: Diagnostic) => d.code !== 'unquoted-reference' && unquoted.some((r) => contains(r, d.range));
  // What the parser could not read on a line is explained by its syntax error there; a rule's
  // view of the parser's guess (`action: @Foo` read as the text "@Foo") would only repeat it.
  const syntaxLines = new Set(parsed.diagnostics.filter((d) => d.code === 'yaml-syntax').map((d) => d.range.start.line));
  // Likewise for mappings with a duplicate key and keys whose value holds a syntax error.
  const ambiguous = [...duplicateKeyMappings(parsed), ...keysOfBrokenValues(parsed)];
  return [...schemaDiagnostics, ...ruleDiagnostics].filter((d) =>
    !inUnquoted(d)
    && !(syntaxLines.has(d.range.start.line) && d.code !== 'unquoted-reference')
    && !ambiguous.some((r) => contains(r, d.range)));
}

/**
 * Keys whose (multi-line) value holds a syntax error: a complaint about the value's type or
 * shape there ("`steps` must be a list") describes the parser's guess, not the user's text.
 */
function keysOfBrokenValues(parsed: ParsedDocument): Range[] {
  const doc = parsed.yaml;
  const positions = (doc?.errors ?? []).map((e) => e.pos[0]);
  if (!doc || positions.length === 0) return [];
  const ranges: Range[] = [];
  visit(doc, {
    Pair(_key, pair) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (!key?.range || !value?.range || isScalar(value)) return;
      const [start, end] = value.range;
      if (positions.some((p) => p >= start && p < end)) ranges.push(parsed.lines.range(key.range[0], key.range[1]));
    },
  });
  return ranges;
}

/**
 * Ranges of the mappings that hold a duplicate key: which value counts is undefined there (the
 * rules read the first, the plain value the last, and AWSTOE refuses the document), so the
 * duplicate is the one thing to say. At the document root only the duplicated keys count, so
 * one repeated top-level key does not silence the whole document.
 */
function duplicateKeyMappings(parsed: ParsedDocument): Range[] {
  const doc = parsed.yaml;
  const positions = (doc?.errors ?? []).filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]);
  if (!doc || positions.length === 0) return [];
  const ranges: Range[] = [];
  const keyOf = (pair: Pair) => (isScalar(pair.key) ? String(pair.key.value) : undefined);
  visit(doc, {
    Map(_key, map) {
      const duplicated = map.items.filter((pair) => isScalar(pair.key) && pair.key.range && positions.includes(pair.key.range[0])).map(keyOf);
      if (duplicated.length === 0 || !map.range) return;
      if (map !== doc.contents) {
        ranges.push(parsed.lines.range(map.range[0], map.range[1]));
        return;
      }
      for (const pair of map.items.filter((p) => duplicated.includes(keyOf(p)))) {
        const start = (pair.key as Node | null)?.range?.[0];
        const end = (pair.value as Node | null)?.range?.[1] ?? (pair.key as Node | null)?.range?.[1];
        if (start !== undefined && end !== undefined) ranges.push(parsed.lines.range(start, end));
      }
    },
  });
  return ranges;
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
