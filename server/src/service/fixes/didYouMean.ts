/**
 * Did-you-mean: the closest name the rule found, written over the misspelt one. Actions, keys
 * and inputs (never onto a key the mapping already has), and references: `{{ ... }}` in
 * components, `$.` JSONPaths in workflows.
 */
import type { FixableCode } from '../fixData';
import { pairNear, hasKey, replace, replaceScalar, type Fix, type FixContext, type FixProvider } from './edit';

export const unknownAction: FixProvider<'unknown-action'> = (data, context) => {
  if (!data.replacement) return [];
  const edit = replaceScalar(context.analysis, context.start, context.end, data.action, data.replacement);
  return edit ? [{ title: `Change to \`${data.replacement}\``, edits: [edit], isPreferred: true }] : [];
};

function renameKey(key: string, replacement: string | undefined, context: FixContext): Fix[] {
  if (!replacement || replacement === key) return [];
  const found = pairNear(context.analysis, context.start, key);
  if (!found || hasKey(found.map, replacement)) return [];
  const edit = replaceScalar(context.analysis, context.start, context.end, key, replacement);
  return edit ? [{ title: `Change to \`${replacement}\``, edits: [edit], isPreferred: true }] : [];
}

export const unknownKey: FixProvider<'unknown-key'> = (data, context) => renameKey(data.key, data.replacement, context);
export const unknownInput: FixProvider<'unknown-input'> = (data, context) => renameKey(data.key, data.replacement, context);

/** A whole `{{ ... }}` (components) or a `$.` JSONPath as written (workflows) is at the range. */
function replaceReference(data: { replacement?: string }, context: FixContext): Fix[] {
  const { replacement } = data;
  if (!replacement) return [];
  const written = context.analysis.text.slice(context.start, context.end);
  const isTemplate = written.startsWith('{{') && written.endsWith('}}') && replacement.startsWith('{{');
  const isPath = /^\$[^\s'"]*$/.test(written) && replacement.startsWith('$') && !/[\s'"]/.test(replacement);
  if (!isTemplate && !isPath) return [];
  return [{ title: `Change to \`${replacement}\``, edits: [replace(context.analysis, context.start, context.end, replacement)], isPreferred: true }];
}

export const referenceProviders: { [C in Extract<FixableCode, 'undefined-reference' | 'undefined-parameter' | 'invalid-step-output' | 'invalid-output' | 'invalid-chaining' | 'unknown-system-variable' | 'unknown-context-key'>]: FixProvider<C> } = {
  'undefined-reference': replaceReference,
  'undefined-parameter': replaceReference,
  'invalid-step-output': replaceReference,
  'invalid-output': replaceReference,
  'invalid-chaining': replaceReference,
  'unknown-system-variable': replaceReference,
  'unknown-context-key': replaceReference,
};
