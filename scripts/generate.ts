/** The files generated from the service's tables: JSON Schemas and the diagnostics list. */
import standaloneCode from 'ajv/dist/standalone';
import { buildComponentSchema } from '../server/src/service/component/schema';
import { createAjv, precompiledName } from '../server/src/service/shared/ajv';
import { RULES } from '../server/src/service/diagnostics';
import { buildWorkflowSchema, WORKFLOW_TYPES, workflowSchemaFile } from '../server/src/service/workflow/schema';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function generatedFiles(): Record<string, string> {
  return {
    'schemas/component.schema.json': json(buildComponentSchema()),
    [workflowSchemaFile()]: json(buildWorkflowSchema()),
    ...Object.fromEntries(WORKFLOW_TYPES.map((type) => [workflowSchemaFile(type), json(buildWorkflowSchema(type))])),
    'docs/diagnostics.md': diagnosticsMarkdown(),
  };
}

const SERVICE_SCHEMAS = ['schemas/component.schema.json', 'schemas/workflow.schema.json'];

/** ajv standalone code validating the service's schemas, for it to load precompiled. */
export function validatorsModule(): string {
  const ajv = createAjv(true);
  const exports: Record<string, string> = {};
  const sources: Record<string, string> = {};
  for (const [path, content] of Object.entries(generatedFiles())) {
    // Only the schemas the service validates with; the per-type workflow schemas are for users.
    if (!SERVICE_SCHEMAS.includes(path)) continue;
    const schema = JSON.parse(content) as { $id: string };
    ajv.addSchema(schema);
    exports[precompiledName(schema.$id)] = schema.$id;
    sources[precompiledName(schema.$id)] = JSON.stringify(schema);
  }
  // The schema texts let the service notice a module older than the schemas it was built from.
  return `${standaloneCode(ajv, exports)}\nexports.sources = ${JSON.stringify(sources)};\n`;
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
    'This file is generated from `server/src/service/diagnostics.ts` by `npm run schemas`.',
    '',
    '| code | severity | documents | what it checks | spec |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
