/**
 * invalid-value on a workflow parameter written as in components (`- Name:` with its settings
 * under it): rewrites it as `- name: Name` with the settings beside it.
 */
import { isMap, type Node } from 'yaml';
import { columnOf, contentEnd, eolOf, replace, shiftLines, spaces, yamlString, type FixProvider } from './edit';

export const workflowParameterStyle: FixProvider<'invalid-value'> = (data, context) => {
  const { analysis } = context;
  if (!('parameter' in data)) return [];
  const parameter = analysis.workflow?.parameters.find((p) => {
    const key = p.namePair?.key as Node | null | undefined;
    return p.componentStyle && p.name === data.parameter && key?.range && key.range[0] <= context.start && context.start <= key.range[1];
  });
  const key = parameter?.namePair?.key as Node | null | undefined;
  const settings = parameter?.namePair?.value as Node | null | undefined;
  if (!key?.range || !isMap(settings) || !settings.range || !settings.items.length) return [];
  const name = `name: ${yamlString(data.parameter)}`;
  const title = `Write it as \`- name: ${data.parameter}\``;
  if (settings.flow) {
    const inner = analysis.text.slice(settings.range[0] + 1, contentEnd(analysis, settings.range[0], settings.range[1]) - 1).trim();
    return [{ title, edits: [replace(analysis, key.range[0], settings.range[1], `{ ${name}, ${inner} }`)], isPreferred: true }];
  }
  const first = settings.items[0].key as Node | null;
  if (!first?.range) return [];
  const column = columnOf(analysis, key.range[0]);
  const dedent = shiftLines(analysis, first.range[0], contentEnd(analysis, settings.range[0], settings.range[1]), column - columnOf(analysis, first.range[0]));
  if (!dedent) return [];
  return [{ title, edits: [replace(analysis, key.range[0], first.range[0], `${name}${eolOf(analysis)}${spaces(column)}`), ...dedent], isPreferred: true }];
};
