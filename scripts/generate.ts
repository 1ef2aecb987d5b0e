/** The files generated from the service's tables: JSON Schemas and the diagnostics list. */
import { buildComponentSchema } from '../server/src/service/component/schema';
import { RULES } from '../server/src/service/diagnostics';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function generatedFiles(): Record<string, string> {
  return {
    'schemas/component.schema.json': json(buildComponentSchema()),
    'docs/diagnostics.md': diagnosticsMarkdown(),
  };
}

function diagnosticsMarkdown(): string {
  const rows = Object.entries(RULES).map(
    ([code, info]) => `| \`${code}\` | ${info.severity} | ${info.applies} | ${info.summary.replace(/\|/g, '\\|')} | ${info.spec ?? ''} |`,
  );
  return [
    '# Diagnostics',
    '',
    'Every diagnostic carries one of these stable codes. The severity is the default one; the spec',
    'column names the rule ids of `shared/spec` (L01..L44 for components, sections A-F for workflows).',
    'This file is generated from `server/src/service/diagnostics.ts` by `npm run build`.',
    '',
    '| code | severity | documents | what it checks | spec |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
