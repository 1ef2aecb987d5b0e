/** schema-version: writes `1.0` over a wrong value, or adds `schemaVersion: 1.0` as the first key. */
import type { Node } from 'yaml';
import { findPair } from '../ast';
import { columnOf, eolOf, insert, replace, rootMap, spaces, type FixProvider } from './edit';

export const schemaVersion: FixProvider<'schema-version'> = (data, context) => {
  const { analysis } = context;
  const root = rootMap(analysis);
  if (!root || root.flow) return [];
  const pair = findPair(root, 'schemaVersion');
  if (data.present) {
    const value = pair?.value as Node | null | undefined;
    if (!value?.range || value.range[0] === value.range[1]) return [];
    return [{ title: 'Change to `schemaVersion: 1.0`', edits: [replace(analysis, value.range[0], value.range[1], '1.0')], isPreferred: true }];
  }
  const first = root.items[0]?.key as Node | null | undefined;
  if (pair || !first?.range) return [];
  const column = columnOf(analysis, first.range[0]);
  return [{ title: 'Add `schemaVersion: 1.0`', edits: [insert(analysis, first.range[0], `schemaVersion: 1.0${eolOf(analysis)}${spaces(column)}`)], isPreferred: true }];
};
