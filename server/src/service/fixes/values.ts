/**
 * Values written so YAML reads them as something else: an unquoted `{{ }}` (a flow mapping),
 * `yes`/`no` where a boolean is needed (text in YAML 1.2), a quoted number where a number is
 * needed, and the values the rules spell out in full (`permissions` as text, a destination
 * folder, the `distributedImages` source, the largest `timeoutSeconds`).
 */
import type { LiteralData } from '../fixData';
import { replace, replaceScalar, type Fix, type FixContext, type FixProvider } from './edit';

const BOOLEAN_WORDS = /^(yes|no|on|off|y|n)$/i;

function written(context: FixContext): string {
  return context.analysis.text.slice(context.start, context.end);
}

export const quoteReference: FixProvider<'unquoted-reference'> = (data, context) => {
  const text = written(context);
  if (!text.startsWith('{{') || data.replacement !== `'${text.replace(/'/g, "''")}'`) return [];
  // Quoting only part of a plain scalar would leave text after the closing quote.
  const rest = context.analysis.text.slice(context.end, context.analysis.lines.lineEnd(context.diagnostic.range.end.line));
  if (!/^\s*(#.*)?$/.test(rest)) return [];
  return [{ title: 'Put the reference in quotes', edits: [replace(context.analysis, context.start, context.end, data.replacement)], isPreferred: true }];
};

/** `yes` → `true`, `'30'` → `30`: the whole value, quotes included, becomes the literal. */
function literal(data: LiteralData, context: FixContext): Fix[] {
  const text = written(context);
  const unquoted = /^(['"]).*\1$/.test(text) ? text.slice(1, -1) : text;
  const fits = data.literal === 'boolean'
    ? BOOLEAN_WORDS.test(unquoted) && /^(true|false)$/.test(data.replacement)
    : unquoted !== text && unquoted.trim() === data.replacement && /^[-+]?\d+(\.\d+)?$/.test(data.replacement);
  if (!fits) return [];
  const title = data.literal === 'boolean' ? `Change to \`${data.replacement}\`` : `Write ${data.replacement} as a number`;
  return [{ title, edits: [replace(context.analysis, context.start, context.end, data.replacement)], isPreferred: true }];
}
export const literalInput: FixProvider<'invalid-input-value'> = literal;
export const literalValue: FixProvider<'invalid-value'> = (data, context) => ('literal' in data ? literal(data, context) : []);

export const permissionsAsText: FixProvider<'permissions-not-string'> = (data, context) => {
  if (!/^[0-9oO]+$/.test(written(context)) || !/^'[0-7]+'$/.test(data.replacement)) return [];
  return [{ title: `Change to ${data.replacement}`, edits: [replace(context.analysis, context.start, context.end, data.replacement)], isPreferred: true }];
};

export const destinationFolder: FixProvider<'wildcard-destination'> = (data, context) => {
  const separator = data.replacement.slice(-1);
  if (separator !== '/' && separator !== '\\') return [];
  const edit = replaceScalar(context.analysis, context.start, context.end, data.replacement.slice(0, -1), data.replacement);
  return edit ? [{ title: `Change to \`${data.replacement}\``, edits: [edit], isPreferred: true }] : [];
};

export const distributedImagesSource: FixProvider<'distributed-images-source'> = (data, context) => {
  const text = written(context);
  if (!data.replacement || !/^\$[^\s'"]*$/.test(data.replacement) || /[\r\n]/.test(text) || /^[[{|>&*!]/.test(text)) return [];
  return [{ title: `Change to \`${data.replacement}\``, edits: [replace(context.analysis, context.start, context.end, data.replacement)], isPreferred: true }];
};

export const largestTimeout: FixProvider<'invalid-timeout'> = (data, context): Fix[] => {
  if (!/^\d+$/.test(written(context))) return [];
  return [{ title: `Change to ${data.maximum}, the largest allowed`, edits: [replace(context.analysis, context.start, context.end, String(data.maximum))] }];
};
