/**
 * Workflow input keys and their `.$` suffix: a JSONPath on a plain key gets the suffix
 * (jsonpath-without-suffix, reported on the key), a literal on a `.$` key loses it
 * (literal-on-chained-key, reported on the value or an item). Never onto a key the mapping has.
 */
import type { Node } from 'yaml';
import { hasKey, pairNear, replaceScalar, type Fix, type FixContext, type FixProvider } from './edit';

function renameChainedKey(key: string, replacement: string, context: FixContext, title: string): Fix[] {
  const { analysis } = context;
  const found = pairNear(analysis, context.start, key);
  const keyNode = found?.pair.key as Node | null | undefined;
  if (!found || !keyNode?.range || hasKey(found.map, replacement)) return [];
  const edit = replaceScalar(analysis, keyNode.range[0], keyNode.range[1], key, replacement);
  return edit ? [{ title, edits: [edit], isPreferred: true }] : [];
}

export const addSuffix: FixProvider<'jsonpath-without-suffix'> = (data, context) =>
  data.replacement === `${data.key}.$` ? renameChainedKey(data.key, data.replacement, context, `Add \`.$\`: \`${data.replacement}\``) : [];

export const removeSuffix: FixProvider<'literal-on-chained-key'> = (data, context) =>
  data.key === `${data.replacement}.$` ? renameChainedKey(data.key, data.replacement, context, `Remove \`.$\`: \`${data.replacement}\``) : [];
