/**
 * Hover as data: a document with a `‸` cursor, the text the hover range covers, and what the
 * Markdown must (and must not) say. Facts are checked against the action tables they come from.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/service/analysis';
import { COMPONENT_ACTIONS } from '../server/src/service/component/actions';
import { hover } from '../server/src/service/hover';
import { WORKFLOW_ACTIONS } from '../server/src/service/workflow/actions';
import { withCursor, yaml } from './support/cursor';

const component = (steps: string) => yaml`
  name: Demo
  schemaVersion: 1.0
  parameters:
    - Version:
        type: string
        default: '1.0'
        description: Version of the tool.
    - Bucket:
        type: string
  constants:
    - Dir:
        type: string
        value: /opt/tool
  phases:
    - name: build
      steps:
        - name: Download
          action: S3Download
          inputs:
            - source: s3://bucket/key
              destination: /tmp/file
        - name: Run
          action: ExecuteBash
          inputs:
            commands:
              - echo hi
${steps}`;

const workflow = (steps: string) => yaml`
  name: Demo
  schemaVersion: 1.0
  parameters:
    - name: instanceTypes
      type: stringList
      default:
        - m7i.large
    - name: approval
      type: boolean
      description: Wait for approval.
  steps:
    - name: Launch
      action: LaunchInstance
      onFailure: Abort
      inputs:
        waitFor: ssmAgent
        instanceTypesOverride.$: $.parameters.instanceTypes
${steps}`;

interface Case {
  name: string;
  doc: string;
  /** The text the hover range covers. */
  covers: string;
  says: string[];
  saysNot?: string[];
}

const CASES: Case[] = [
  {
    name: 'a {{ Param }} reference: declaration, type, default, description',
    doc: component(`        - name: Use\n          action: ExecuteBash\n          inputs:\n            commands:\n              - echo '{{ Vers‸ion }}'\n`),
    covers: 'Version',
    says: ['(parameter) Version: string', 'Version of the tool.', 'Default: `1.0`', '1 reference'],
  },
  {
    name: 'a parameter without default says the caller must supply it',
    doc: component(`        - name: Use\n          action: ExecuteBash\n          inputs:\n            commands:\n              - echo '{{ Buck‸et }}'\n`),
    covers: 'Bucket',
    says: ['(parameter) Bucket: string', 'No default'],
  },
  {
    name: 'a constant shows its value once',
    doc: component(`        - name: Use\n          action: ExecuteBash\n          inputs:\n            commands:\n              - ls '{{ D‸ir }}'\n`),
    covers: 'Dir',
    says: ['(constant) Dir: string', 'Value: `/opt/tool`'],
    saysNot: ['Default'],
  },
  {
    name: 'the declaration itself',
    doc: component('').replace('- Version:', '- Ver‸sion:'),
    covers: 'Version',
    says: ['(parameter) Version', '0 references'],
  },
  {
    name: 'chaining: the step part is the step with its action and outputs',
    doc: component(`        - name: Use\n          action: ExecuteBash\n          inputs:\n            commands:\n              - echo '{{ build.R‸un.outputs.stdout }}'\n`),
    covers: 'Run',
    says: ['(step) build.Run: ExecuteBash', '`stdout` (string)'],
  },
  {
    name: 'chaining: the output key is the output of the step\'s action',
    doc: component(`        - name: Use\n          action: ExecuteBash\n          inputs:\n            commands:\n              - echo '{{ build.Run.outputs.std‸out }}'\n`),
    covers: 'stdout',
    says: ['(output) build.Run.outputs.stdout: string', COMPONENT_ACTIONS.find((a) => a.name === 'ExecuteBash')!.outputs[0].description, 'Produced by `ExecuteBash`'],
  },
  {
    name: 'chaining: an input of a list-shaped step',
    doc: component(`        - name: Use\n          action: ExecuteBash\n          inputs:\n            commands:\n              - cat '{{ build.Download.inputs[0].desti‸nation }}'\n`),
    covers: 'destination',
    says: ['(input) build.Download.inputs[0].destination', '**Required**', 'Input of `S3Download`'],
  },
  {
    name: 'chaining: the phase part',
    doc: component(`        - name: Use\n          action: ExecuteBash\n          inputs:\n            commands:\n              - echo '{{ bu‸ild.Run.outputs.stdout }}'\n`),
    covers: 'build',
    says: ['(phase) build', '**build** stage'],
  },
  {
    name: 'loop.value in a looping step',
    doc: component(`        - name: Loop\n          action: ExecuteBash\n          loop:\n            name: items\n            forEach: [a, b]\n          inputs:\n            commands:\n              - echo '{{ loop.val‸ue }}'\n`),
    covers: 'value',
    says: ['(loop variable) loop.value', 'current item'],
  },
  {
    name: 'a named loop: its declaration',
    doc: component(`        - name: Loop\n          action: ExecuteBash\n          loop:\n            name: items\n            forEach: [a, b]\n          inputs:\n            commands:\n              - echo '{{ ite‸ms.index }}'\n`),
    covers: 'items',
    says: ['(loop) items', 'build.Loop', '0-based index'],
  },
  {
    name: 'context: keys say what they hold',
    doc: component(`        - name: Use\n          action: ExecuteBash\n          inputs:\n            commands:\n              - echo '{{ context:reg‸ion }}'\n`),
    covers: 'region',
    says: ['(context) region', 'AWS Region of the instance.'],
  },
  {
    name: 'an action: one line, platforms, inputs with required/default, outputs and the AWS link',
    doc: component('').replace('action: S3Download', 'action: S3Down‸load'),
    covers: 'S3Download',
    says: ['(action module) S3Download', '**Platforms:** Linux, Windows, macOS', '`source` (string, required)', '`destination` (string, required)', 'toe-action-modules.html#action-modules-s3download'],
  },
  {
    name: 'a component input key: description, type, required, default shown once',
    doc: component(`        - name: Copy\n          action: CopyFile\n          inputs:\n            - source: /a\n              destination: /b\n              overwr‸ite: false\n`),
    covers: 'overwrite',
    says: ['(input) overwrite', '**Type:** boolean', '**Optional**', '(default `true`)'],
    saysNot: ['**Default:**'],
  },
  {
    name: 'a step key: the schema description',
    doc: component(`        - name: Slow\n          action: ExecuteBash\n          timeoutSec‸onds: 60\n          inputs:\n            commands: [ls]\n`),
    covers: 'timeoutSeconds',
    says: ['timeoutSeconds', '`-1` for no timeout'],
  },
  {
    name: 'a document key',
    doc: component('').replace('schemaVersion: 1.0', 'schemaVer‸sion: 1.0'),
    covers: 'schemaVersion',
    says: ['only 1.0 is supported'],
  },
  {
    name: 'an if operator',
    doc: component(`        - name: Maybe\n          action: ExecuteBash\n          if:\n            fileEx‸ists: /etc/os-release\n          inputs:\n            commands: [ls]\n`),
    covers: 'fileExists',
    says: ['(operator) fileExists', 'True when the path exists and is a file.', 'no companion key'],
  },
  {
    name: 'the enum value of onFailure: what it means',
    doc: component(`        - name: Lenient\n          action: ExecuteBash\n          onFailure: Ign‸ore\n          inputs:\n            commands: [ls]\n`),
    covers: 'Ignore',
    says: ['`Ignore`: the failure counts as `IgnoredFailure`'],
  },
  {
    name: 'a workflow action: types, timeouts and the AWS link',
    doc: workflow('').replace('action: LaunchInstance', 'action: Launch‸Instance'),
    covers: 'LaunchInstance',
    says: ['(step action) LaunchInstance', '**Workflow types:** BUILD, TEST, DISTRIBUTION', '**Timeout:**', 'wfdoc-step-actions.html#wfdoc-step-action-launch-instance', '`instanceId` (string)'],
  },
  {
    name: 'a workflow chained input key',
    doc: workflow('').replace('instanceTypesOverride.$', 'instanceTypes‸Override.$'),
    covers: 'instanceTypesOverride.$',
    says: ['(input) instanceTypesOverride.$', 'a JSONPath resolved when the step runs'],
  },
  {
    name: '$.parameters.x: the parameter with its list default',
    doc: workflow('').replace('$.parameters.instanceTypes', '$.parameters.instance‸Types'),
    covers: 'instanceTypes',
    says: ['(parameter) instanceTypes: stringList', 'Default: `["m7i.large"]`', '`$.parameters.instanceTypes`'],
  },
  {
    name: '$.stepOutputs.S.o: the output and the step that produces it',
    doc: workflow(`    - name: Stop\n      action: TerminateInstance\n      inputs:\n        instanceId.$: $.stepOutputs.Launch.instan‸ceId\n`),
    covers: 'instanceId',
    says: ['(output) $.stepOutputs.Launch.instanceId: string', 'Produced by `LaunchInstance` in step `Launch`'],
  },
  {
    name: '$.stepOutputs.S: the step',
    doc: workflow(`    - name: Stop\n      action: TerminateInstance\n      inputs:\n        instanceId.$: $.stepOutputs.Lau‸nch.instanceId\n`),
    covers: 'Launch',
    says: ['(step) Launch: LaunchInstance', '**Outputs**'],
  },
  {
    name: '$.imagebuilder.x: the system variable',
    doc: workflow(`    - name: Stop\n      action: TerminateInstance\n      if:\n        stringEquals: AMI\n        value: $.imagebuilder.image‸Type\n      inputs:\n        instanceId.$: $.stepOutputs.Launch.instanceId\n`),
    covers: 'imageType',
    says: ['(system variable) $.imagebuilder.imageType: string', '`AMI` or `Docker`'],
  },
  {
    name: '{{ $... }} inside a workflow text',
    doc: workflow(`    - name: Notify\n      action: WaitForAction\n      inputs:\n        payload: '{"id": "{{ $.stepOutputs.Launch.instan‸ceId }}"}'\n`),
    covers: 'instanceId',
    says: ['(output) $.stepOutputs.Launch.instanceId'],
  },
  {
    name: 'a workflow if operator',
    doc: workflow(`    - name: Stop\n      action: TerminateInstance\n      if:\n        booleanEq‸uals: true\n        value: $.parameters.approval\n      inputs:\n        instanceId.$: $.stepOutputs.Launch.instanceId\n`),
    covers: 'booleanEquals',
    says: ['(operator) booleanEquals: boolean', 'same Boolean as the operand', '`value` key'],
  },
  {
    name: 'then / else of a component if: what the value does',
    doc: component(`        - name: Maybe\n          action: ExecuteBash\n          if:\n            fileExists: /etc/os-release\n            then: Sk‸ip\n          inputs:\n            commands: [ls]\n`),
    covers: 'Skip',
    says: ['What to do when the expression is true', '`Skip`: the step is skipped and counts as successful.'],
  },
  {
    name: '$.workflowOutputs.x in text',
    doc: workflow(`    - name: Notify\n      action: WaitForAction\n      inputs:\n        payload: '{"id": "{{ $.workflowOutputs.Ima‸geId }}"}'\n`),
    covers: 'ImageId',
    says: ['(workflow output) $.workflowOutputs.ImageId', 'earlier in this image build'],
  },
  {
    name: 'an undeclared {{ name }} says so',
    doc: component(`        - name: Use\n          action: ExecuteBash\n          inputs:\n            commands:\n              - echo '{{ Miss‸ing }}'\n`),
    covers: 'Missing',
    says: ['`Missing` is not declared'],
  },
  {
    name: 'workflow onFailure value',
    doc: workflow('').replace('onFailure: Abort', 'onFailure: Ab‸ort'),
    covers: 'Abort',
    says: ['rollback runs backwards'],
  },
];

describe('hover', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { text, offset } = withCursor(c.doc);
      const analysis = analyze(text);
      const result = hover(analysis, analysis.lines.positionAt(offset));
      expect(result).not.toBeNull();
      const value = (result!.contents as { kind: string; value: string });
      expect(value.kind).toBe('markdown');
      const range = result!.range!;
      expect(text.slice(analysis.lines.offsetAt(range.start), analysis.lines.offsetAt(range.end))).toBe(c.covers);
      for (const said of c.says) expect(value.value).toContain(said);
      for (const notSaid of c.saysNot ?? []) expect(value.value).not.toContain(notSaid);
    });
  }

  it('says nothing between entries, past the end, or for YAML that is no Image Builder document', () => {
    const { text, offset } = withCursor(component('').replace('  - name: build', '‸  - name: build'));
    const analysis = analyze(text);
    expect(hover(analysis, analysis.lines.positionAt(offset))).toBeNull();
    expect(hover(analysis, { line: 999, character: 0 })).toBeNull();
    expect(hover(analysis, { line: 0, character: 999 })).toBeNull();
    const other = analyze('apiVersion: v1\nkind: Pod\n');
    expect(hover(other, { line: 0, character: 2 })).toBeNull();
  });

  it('every action of both tables links its own section of the AWS page', () => {
    for (const action of COMPONENT_ACTIONS) expect(action.docs).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/imagebuilder\/latest\/userguide\/toe-action-modules\.html#action-modules-[a-z0-9-]+$/);
    for (const action of WORKFLOW_ACTIONS) expect(action.docs).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/imagebuilder\/latest\/userguide\/wfdoc-step-actions\.html#wfdoc-step-action-[a-z0-9-]+$/);
    expect(new Set(COMPONENT_ACTIONS.map((a) => a.docs)).size).toBe(COMPONENT_ACTIONS.length);
    expect(new Set(WORKFLOW_ACTIONS.map((a) => a.docs)).size).toBe(WORKFLOW_ACTIONS.length);
  });

  it('the action card lists every input and output of the table, a default once', () => {
    for (const action of COMPONENT_ACTIONS.filter((a) => a.inputsShape !== 'condition')) {
      const doc = yaml`
        schemaVersion: 1.0
        phases:
          - name: build
            steps:
              - name: Step
                action: ${action.name}
      `;
      const analysis = analyze(doc);
      const value = (hover(analysis, analysis.lines.positionAt(doc.indexOf(action.name)))!.contents as { value: string }).value;
      for (const input of action.inputs) expect(value).toContain(`\`${input.name}\``);
      for (const output of action.outputs) expect(value).toContain(`\`${output.name}\``);
      for (const input of action.inputs.filter((i) => i.default !== undefined)) {
        const line = value.split('\n').find((l) => l.startsWith(`- \`${input.name}\``))!;
        expect(line.match(/default/gi)?.length ?? 0, `${action.name}.${input.name}: ${line}`).toBe(1);
      }
    }
  });
});
