/**
 * missing-key, where the key has one obvious value: a component parameter without `type` gets
 * `type: string` (the only documented type), as the first key of its definition.
 */
import { isMap, type Node } from 'yaml';
import { columnOf, eolOf, insert, spaces, type FixProvider } from './edit';

export const parameterType: FixProvider<'missing-key'> = (data, context) => {
  const { analysis } = context;
  if (data.missing !== 'type') return [];
  const variable = analysis.component?.variables.find((v) => {
    const key = v.pair.key as Node | null;
    return v.section === 'parameters' && key?.range && key.range[0] <= context.start && context.start <= key.range[1];
  });
  const definition = variable?.pair.value as Node | null | undefined;
  const first = isMap(definition) ? (definition.items[0]?.key as Node | null | undefined) : undefined;
  if (!isMap(definition) || !first?.range) return [];
  const at = first.range[0];
  const text = definition.flow ? 'type: string, ' : `type: string${eolOf(analysis)}${spaces(columnOf(analysis, at))}`;
  return [{ title: 'Add `type: string`', edits: [insert(analysis, at, text)], isPreferred: true }];
};
