/**
 * The workflow JSON Schemas on their own: each per-type file, compiled alone by plain ajv,
 * accepts the example of its type and rejects actions of other types, and the committed files
 * are what the generator makes from the action table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../scripts/generate';
import { validate } from '../server/src/service/validate';
import type { WorkflowType } from '../server/src/service/types';
import { WORKFLOW_ACTIONS } from '../server/src/service/workflow/actions';
import { WORKFLOW_TYPES, workflowSchemaFile } from '../server/src/service/workflow/schema';

const root = join(__dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Each schema compiled by its own ajv, so none can lean on another's definitions. */
function compile(type?: WorkflowType) {
  return new Ajv({ allowUnionTypes: true }).compile(JSON.parse(read(workflowSchemaFile(type))));
}

const EXAMPLES: Record<string, WorkflowType> = {
  'build.yaml': 'BUILD',
  'test.yaml': 'TEST',
  'distribution.yaml': 'DISTRIBUTION',
  'distribution-container.yaml': 'DISTRIBUTION',
};

describe('workflow schemas are generated', () => {
  const generated = generatedFiles();
  for (const type of [undefined, ...WORKFLOW_TYPES]) {
    const file = workflowSchemaFile(type);
    it(`${file} is what scripts/generate.ts makes (npm run schemas rewrites it)`, () => {
      expect(generated[file]).toBeDefined();
      expect(read(file)).toBe(generated[file]);
    });
  }
});

describe('workflow schemas on their own', () => {
  const union = compile();
  const perType = Object.fromEntries(WORKFLOW_TYPES.map((t) => [t, compile(t)]));

  it('are draft-07 schemas with distinct ids', () => {
    const ids = [undefined, ...WORKFLOW_TYPES].map((t) => JSON.parse(read(workflowSchemaFile(t))));
    for (const schema of ids) expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(new Set(ids.map((s) => s.$id)).size).toBe(4);
  });

  it('allow exactly the actions of each type (spec B.1)', () => {
    for (const type of WORKFLOW_TYPES) {
      const schema = JSON.parse(read(workflowSchemaFile(type)));
      const allowed = WORKFLOW_ACTIONS.filter((a) => a.types.includes(type)).map((a) => a.name);
      expect(schema.definitions.step.properties.action.enum).toEqual(allowed);
    }
    expect(JSON.parse(read(workflowSchemaFile())).definitions.step.properties.action.enum).toHaveLength(19);
  });

  for (const [file, type] of Object.entries(EXAMPLES)) {
    const text = read(join('examples', 'workflows', file));
    const document = parseYaml(text);

    it(`examples/workflows/${file} is valid for ${type}, the union, and the service`, () => {
      expect(perType[type](document), JSON.stringify(perType[type].errors)).toBe(true);
      expect(union(document), JSON.stringify(union.errors)).toBe(true);
      expect(validate(text, { workflowType: type }).diagnostics).toEqual([]);
    });

    for (const other of WORKFLOW_TYPES.filter((t) => t !== type)) {
      const foreign = document.steps.filter((s: { action: string }) => !WORKFLOW_ACTIONS.find((a) => a.name === s.action)!.types.includes(other));
      if (foreign.length === 0) continue;
      it(`examples/workflows/${file} is rejected as ${other} (it uses ${foreign[0].action}), by the schema and the service`, () => {
        expect(perType[other](document)).toBe(false);
        expect(perType[other].errors!.some((e) => e.instancePath.endsWith('/action') && e.keyword === 'enum')).toBe(true);
        const errors = validate(text, { workflowType: other }).diagnostics.filter((d) => d.severity === 'error');
        expect(errors.map((d) => d.code)).toContain('action-not-allowed');
      });
    }
  }

  it('cover every action with the four examples', () => {
    const used = new Set(Object.keys(EXAMPLES).flatMap((file) => parseYaml(read(join('examples', 'workflows', file))).steps.map((s: { action: string }) => s.action)));
    expect([...used].sort()).toEqual(WORKFLOW_ACTIONS.map((a) => a.name).sort());
  });

  const mistakes: Record<string, string> = {
    'a missing required input': 'schemaVersion: 1.0\nsteps:\n  - name: Launch\n    action: LaunchInstance\n    inputs:\n      healthCheck: RUNNING\n',
    'distributedImages without .$': 'schemaVersion: 1.0\nsteps:\n  - name: Copy\n    action: DistributeImage\n  - name: Share\n    action: ModifyImageAttributes\n    inputs:\n      distributedImages: $.stepOutputs.Copy.distributedImages\n',
    'a nested key of the wrong type': 'schemaVersion: 1.0\nsteps:\n  - name: Copy\n    action: DistributeImage\n    inputs:\n      distributions:\n        - region: us-east-1\n          targetAccountIds: 111122223333\n',
    'a timeout above the action maximum': 'schemaVersion: 1.0\nsteps:\n  - name: Wait\n    action: WaitForSSMAgent\n    timeoutSeconds: 20000\n    inputs:\n      instanceId: i-0123456789abcdef0\n',
    'a condition nested 5 levels': 'schemaVersion: 1.0\nsteps:\n  - name: Wait\n    action: WaitForAction\n    if:\n      not:\n        not:\n          not:\n            not:\n              stringEquals: a\n              value: a\n',
    'a default of the wrong type': 'schemaVersion: 1.0\nparameters:\n  - name: count\n    type: integer\n    default: many\nsteps:\n  - name: Wait\n    action: WaitForAction\n',
    '16 steps': `schemaVersion: 1.0\nsteps:\n${Array.from({ length: 16 }, (_, i) => `  - name: Wait${i}\n    action: WaitForAction\n`).join('')}`,
  };
  for (const [name, text] of Object.entries(mistakes)) {
    it(`rejects ${name}, as the service does`, () => {
      expect(union(parseYaml(text))).toBe(false);
      expect(validate(text).diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThan(0);
    });
  }

  it('rejects an unknown input, which the service reports as a warning', () => {
    const text = 'schemaVersion: 1.0\nsteps:\n  - name: Launch\n    action: LaunchInstance\n    inputs:\n      waitFor: ssmAgent\n      userData: x\n';
    expect(union(parseYaml(text))).toBe(false);
    expect(validate(text).diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning unknown-input']);
  });

  it('accepts chained forms, interpolation in enum inputs, and both F10 shapes', () => {
    const text = [
      'schemaVersion: "1.0"',
      'parameters:',
      '  - name: mode',
      '    type: string',
      '    default: RUNNING',
      'steps:',
      '  - name: Launch',
      '    action: LaunchInstance',
      '    inputs:',
      '      waitFor.$: $.parameters.mode',
      "      healthCheck: '{{ $.parameters.mode }}'",
      '  - name: Copy',
      '    action: DistributeImage',
      '  - name: Configure',
      '    action: ApplyImageConfigurations',
      '    inputs:',
      '      distributedImages.$: $.stepOutputs.Copy.distributedImages',
      '      configurations:',
      '        - region.$: $.parameters.mode',
      '          ssmParameterConfigurations: {parameterName: /a}',
      '          s3ExportConfiguration: [{roleName: r, diskImageFormat: RAW, s3Bucket: b}]',
      '',
    ].join('\n');
    expect(perType.DISTRIBUTION(parseYaml(text)), JSON.stringify(perType.DISTRIBUTION.errors)).toBe(true);
    expect(validate(text, { workflowType: 'DISTRIBUTION' }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
