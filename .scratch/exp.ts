import Ajv from 'ajv';
import { buildWorkflowSchema } from '/work/main/server/src/service/workflow/schema';
import { parse } from 'yaml';
const warns: unknown[] = [];
const ajv = new Ajv({ allowUnionTypes: true, allErrors: true, logger: { log: () => {}, warn: (...a: unknown[]) => warns.push(a), error: (...a: unknown[]) => warns.push(a) } });
const v = ajv.compile(buildWorkflowSchema() as object);
console.log('warnings', JSON.stringify(warns));
const doc = parse(`
schemaVersion: 1.0
steps:
  - name: A
    action: RunCommand
    timeoutSeconds: 0
    inputs:
      instanceId.$: 5
      foo: 1
      parameters:
        x.$: [1]
  - name: B
    action: ModifyImageAttributes
    inputs:
      distributedImages.$: "abc"
  - name: C
    action: LaunchInstance
    if: {stringEquals: 1}
    inputs:
      waitFor: x
`);
v(doc);
for (const e of v.errors ?? []) console.log(e.instancePath, e.schemaPath, e.keyword, JSON.stringify(e.params));
