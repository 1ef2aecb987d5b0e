/**
 * Completion as data: a document with a `‸` cursor, the labels expected (in the order the
 * editor sorts them), and the text after accepting one item; where the result should be a
 * valid document it must validate without errors. Then every corpus document at many
 * positions: no internal error, and every edit on the cursor's line, around the cursor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-types';
import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions } from '../server/src/service/analysis';
import { complete } from '../server/src/service/complete';
import { cursorAt } from '../server/src/service/cursor';
import { COMPONENT_ACTIONS } from '../server/src/service/component/actions';
import { WORKFLOW_ACTIONS } from '../server/src/service/workflow/actions';
import { snippetToPlain } from '../server/src/service/completion/items';
import { validate } from '../server/src/service/validate';
import { CORPUS } from './support/corpus';
import { withCursor, yaml } from './support/cursor';

const COMPONENT = yaml`
  name: demo
  schemaVersion: 1.0
  parameters:
    - Version:
        type: string
        default: '1.0'
        description: Version to install.
  constants:
    - Dir:
        type: string
        value: /opt/app
  phases:
    - name: build
      steps:
        - name: Download
          action: S3Download
          inputs:
            - source: s3://bucket/key
              destination: '{{ Dir }}/file'
        - name: Loop
          action: ExecuteBash
          loop:
            name: Each
            forEach:
              - a
              - b
          inputs:
            commands:
              - echo {{ Version }}
`;

/** The component with more steps in its build phase (written at 6 spaces). */
const component = (steps: string, after = '') => COMPONENT + steps + after;

const WORKFLOW = yaml`
  name: wf
  schemaVersion: 1.0
  parameters:
    - name: Types
      type: stringList
      default:
        - m5.large
  steps:
    - name: Launch
      action: LaunchInstance
      onFailure: Abort
      inputs:
        waitFor: ssmAgent
        instanceTypesOverride.$: $.parameters.Types
`;
const workflow = (steps: string) => WORKFLOW + steps;
const LATER_STEP = '  - name: Terminate\n    action: TerminateInstance\n    onFailure: Continue\n    inputs:\n      instanceId.$: $.stepOutputs.Launch.instanceId\n';

interface Case {
  name: string;
  doc: string;
  options?: AnalyzeOptions;
  snippets?: boolean;
  /** Labels offered, in this relative order. */
  includes?: string[];
  /** The whole list, in order. */
  exactly?: string[];
  excludes?: string[];
  pick?: string;
  /** The lines from the cursor's line on, after accepting `pick` (snippets in their plain form). */
  lines?: string;
  /** The edit's text as sent. */
  newText?: string;
  detail?: string;
  /** After accepting `pick`, the document validates without errors. */
  valid?: boolean;
  retriggers?: boolean;
}

const LINUX: AnalyzeOptions = { platform: 'Linux' };

const componentCases: Case[] = [
  {
    name: 'document keys not yet written',
    doc: component('', '‸'),
    options: LINUX,
    exactly: ['description', 'disableLogging'],
  },
  {
    name: 'step keys on a blank line: required first, present ones left out',
    doc: component('      - name: Run\n        ‸\n'),
    includes: ['action', 'inputs', 'timeoutSeconds', 'onFailure', 'maxAttempts', 'if', 'loop'],
    excludes: ['name'],
    pick: 'action',
    lines: '        action: ',
    retriggers: true,
  },
  {
    name: 'a half-typed key above others replaces the word, keeps what follows',
    doc: component('      - name: Run\n        action: ExecuteBash\n        timeo‸\n        inputs:\n          commands:\n            - echo hi\n'),
    options: LINUX,
    includes: ['timeoutSeconds'],
    excludes: ['action', 'inputs', 'name'],
    pick: 'timeoutSeconds',
    lines: '        timeoutSeconds: \n        inputs:',
  },
  {
    name: 'a key whose colon is already written gets only its name',
    doc: component('      - name: Run\n        action: ExecuteBash\n        timeo‸: 60\n        inputs:\n          commands:\n            - echo hi\n'),
    options: LINUX,
    pick: 'timeoutSeconds',
    lines: '        timeoutSeconds: 60',
    valid: true,
  },
  {
    name: '`inputs` of a list-shaped module opens a list item below it',
    doc: component('      - name: Run\n        action: S3Download\n        ‸\n'),
    pick: 'inputs',
    lines: '        inputs:\n          - ',
  },
  {
    name: 'action names, a module the platform lacks last and marked',
    doc: component('      - name: Run\n        action: Exe‸\n        inputs:\n          commands:\n            - echo hi\n'),
    options: LINUX,
    includes: ['ExecuteBash', 'ExecuteBinary', 'UpdateOS', 'ExecutePowerShell'],
    pick: 'ExecuteBash',
    detail: 'Linux, macOS',
    lines: '        action: ExecuteBash',
    valid: true,
  },
  {
    name: 'enum value after `key:` with no space gets a leading space',
    doc: component('      - name: Run\n        action: ExecuteBash\n        onFailure:‸\n        inputs:\n          commands:\n            - echo hi\n'),
    options: LINUX,
    exactly: ['Abort', 'Continue', 'Ignore'],
    pick: 'Continue',
    lines: '        onFailure: Continue',
    valid: true,
  },
  {
    name: 'booleans of a boolean input',
    doc: component('      - name: Fetch\n        action: S3Download\n        inputs:\n          - source: s3://b/k\n            destination: /tmp/k\n            overwrite: ‸\n'),
    options: LINUX,
    exactly: ['true', 'false'],
    pick: 'false',
    lines: '            overwrite: false',
    valid: true,
  },
  {
    name: 'a value YAML would misread is quoted (`0755`)',
    doc: component('      - name: Mode\n        action: SetFilePermissions\n        inputs:\n          - path: /tmp/x\n            permissions: ‸\n'),
    options: LINUX,
    exactly: ['0755'],
    pick: '0755',
    lines: "            permissions: '0755'",
    valid: true,
  },
  {
    name: 'schemaVersion offers 1.0 written plain',
    doc: COMPONENT.replace('schemaVersion: 1.0', 'schemaVersion: ‸'),
    options: LINUX,
    exactly: ['1.0', '1'],
    pick: '1.0',
    lines: 'schemaVersion: 1.0',
    valid: true,
  },
  {
    name: 'parameter types',
    doc: COMPONENT.replace('      type: string\n      default', '      type: ‸\n      default'),
    options: LINUX,
    exactly: ['string', 'integer', 'boolean', 'stringList'],
    pick: 'string',
    valid: true,
  },
  {
    name: 'keys of a parameter',
    doc: COMPONENT.replace('      description: Version to install.\n', '      ‸\n'),
    exactly: ['description'],
  },
  {
    name: 'input keys of a list item: the current item only, required first',
    doc: component('      - name: Fetch\n        action: S3Download\n        inputs:\n          - source: s3://b/k\n            ‸\n'),
    exactly: ['destination', 'expectedBucketOwner', 'overwrite'],
    pick: 'destination',
    lines: '            destination: ',
  },
  {
    name: 'input keys of a mapping: a list value opens below the key',
    doc: component('      - name: Run\n        action: ExecuteBash\n        inputs:\n          ‸\n'),
    exactly: ['commands'],
    pick: 'commands',
    lines: '          commands:\n            - ',
  },
  {
    name: 'inputs not supported on Windows go last on Windows',
    doc: component('      - name: Copy\n        action: CopyFile\n        inputs:\n          - source: a\n            destination: b\n            ‸\n'),
    options: { platform: 'Windows' },
    includes: ['overwrite'],
  },
  {
    name: '`if`: every operator before one is written',
    doc: component('      - name: Run\n        action: ExecuteBash\n        if:\n          ‸\n'),
    includes: ['stringIsEmpty', 'stringEquals', 'fileExists', 'and', 'or', 'not'],
  },
  {
    name: '`if`: after an operator only its companions',
    doc: component('      - name: Run\n        action: ExecuteBash\n        if:\n          stringEquals: x\n          ‸\n'),
    exactly: ['value', 'then', 'else'],
    pick: 'value',
    lines: '          value: ',
  },
  {
    name: 'loop keys (one of `for` and `forEach` is required); `forEach` opens a list',
    doc: component('      - name: Run\n        action: ExecuteBash\n        loop:\n          ‸\n'),
    exactly: ['for', 'forEach', 'name'],
    pick: 'forEach',
    lines: '          forEach:\n            - ',
  },
  {
    name: 'a delimiter: whitespace values shown escaped, indicators quoted',
    doc: component('      - name: Run\n        action: ExecuteBash\n        loop:\n          forEach:\n            list: a,b\n            delimiter: ‸\n'),
    includes: ['.', ',', '"\\n"', '"\\t"', '" "'],
    pick: ',',
    lines: "            delimiter: ','",
  },
  {
    name: 'phase names',
    doc: component('', '  - name: ‸\n'),
    includes: ['validate', 'test', 'container-host-test', 'build'],
  },
  {
    name: 'a new step on a new list item, plain text',
    doc: component('      - ‸\n'),
    options: LINUX,
    includes: ['name', 'action', 'New ExecuteBash step', 'New S3Download step', 'inputs'],
    excludes: ['New ExecutePowerShell step'],
    pick: 'New ExecuteBash step',
    lines: '      - name: ExecuteBash\n        action: ExecuteBash\n        inputs:\n          commands:\n            - echo "hello"',
    valid: true,
  },
  {
    name: 'a new step as a snippet with placeholders',
    doc: component('      - ‸\n'),
    options: LINUX,
    snippets: true,
    pick: 'New S3Download step',
    newText: 'name: ${1:S3Download}\n        action: S3Download\n        inputs:\n          - source: ${2:s3://amzn-s3-demo-bucket/path/file.zip}\n            destination: ${3:/tmp/file.zip}$0',
    valid: true,
  },
  {
    name: 'a new step on a blank line of `steps` writes its own `- `',
    doc: component('      ‸\n'),
    options: LINUX,
    pick: 'New SetFilePermissions step',
    lines: "      - name: SetFilePermissions\n        action: SetFilePermissions\n        inputs:\n          - path: /opt/app/run.sh\n            permissions: '0755'",
    valid: true,
  },
  {
    name: 'a new step gets a name not taken in its phase',
    doc: component('      - name: ExecuteBash\n        action: ExecuteBash\n        inputs:\n          commands:\n            - echo\n      - ‸\n'),
    options: LINUX,
    pick: 'New ExecuteBash step',
    lines: '      - name: ExecuteBash2',
    valid: true,
  },
  {
    name: 'no step snippet before text already on the line',
    doc: component('      - ‸name: Run\n'),
    includes: ['action'],
    excludes: ['New ExecuteBash step'],
    pick: 'action',
    lines: '      - action: Run',
  },
  {
    name: 'a Windows component offers no Linux-only step snippets',
    doc: component('      - ‸\n'),
    options: { platform: 'Windows' },
    includes: ['New ExecutePowerShell step'],
    excludes: ['New ExecuteBash step'],
  },
  {
    name: 'a new parameter',
    doc: COMPONENT.replace('constants:\n', '  - ‸\nconstants:\n'),
    options: LINUX,
    pick: 'New parameter',
    lines: '  - MyParameter:\n      type: string\n      default: value\n      description: What the parameter is for.',
    valid: true,
  },
  {
    name: 'references: variables, loop variables in scope, phases with earlier steps, namespaces',
    doc: COMPONENT.replace('- echo {{ Version }}', '- echo {{ ‸'),
    exactly: ['Version', 'Dir', 'loop.value', 'loop.index', 'Each.value', 'Each.index', 'build', 'aws:ssm:', 'env:', 'aws:imds:', 'context:'],
    pick: 'Each.value',
    lines: '            - echo {{ Each.value }}',
    detail: 'loop value',
    valid: true,
  },
  {
    name: 'loop variables are not offered outside their step',
    doc: component('      - name: Run\n        action: ExecuteBash\n        inputs:\n          commands:\n            - echo {{ ‸ }}\n'),
    includes: ['Version', 'build'],
    excludes: ['loop.value', 'Each.value'],
  },
  {
    name: '`{{` with no space after it: the item brings the space',
    doc: COMPONENT.replace('- echo {{ Version }}', '- echo {{‸'),
    pick: 'Version',
    lines: '            - echo {{ Version }}',
    valid: true,
  },
  {
    name: 'a `{{` starting a plain value is quoted and closed',
    doc: component('      - name: Mode\n        action: SetFilePermissions\n        inputs:\n          - path: {{ Ver‸\n            permissions: \'0755\'\n'),
    pick: 'Version',
    lines: "          - path: '{{ Version }}'",
    valid: true,
  },
  {
    name: 'a closed reference keeps its closing and what follows it',
    doc: component('      - name: Mode\n        action: SetFilePermissions\n        inputs:\n          - path: {{ Di‸ }}/bin # the tools\n            permissions: \'0755\'\n'),
    pick: 'Dir',
    lines: "          - path: '{{ Dir }}/bin' # the tools",
    valid: true,
  },
  {
    name: 'inside a block scalar a reference is not quoted',
    doc: component('      - name: Write\n        action: CreateFile\n        inputs:\n          - path: /tmp/x\n            content: |\n              version={{ Ver‸ }}\n'),
    pick: 'Version',
    lines: '              version={{ Version }}',
    valid: true,
  },
  {
    name: 'chaining: only steps that run earlier, not this one',
    doc: component('      - name: Mode\n        action: SetFilePermissions\n        inputs:\n          - path: \'{{ build.‸ }}\'\n            permissions: \'0755\'\n', '      - name: Later\n        action: ExecuteBash\n        inputs:\n          commands:\n            - echo\n'),
    exactly: ['Download', 'Loop'],
    pick: 'Download',
    lines: "          - path: '{{ build.Download. }}'",
    retriggers: true,
  },
  {
    name: 'chaining from an unquoted `{{`: a snippet quotes, closes and leaves the cursor inside',
    doc: component('      - name: Mode\n        action: SetFilePermissions\n        inputs:\n          - path: {{ build.Dow‸\n            permissions: \'0755\'\n'),
    snippets: true,
    pick: 'Download',
    newText: "'{{ build.Download.$0 \\}\\}'",
  },
  {
    name: 'chaining: `inputs[n]` of a list-shaped step, and no outputs it does not produce',
    doc: component('      - name: Mode\n        action: SetFilePermissions\n        inputs:\n          - path: \'{{ build.Download.‸ }}\'\n            permissions: \'0755\'\n'),
    exactly: ['inputs[0]'],
  },
  {
    name: 'chaining: the input keys the target step sets',
    doc: component('      - name: Mode\n        action: SetFilePermissions\n        inputs:\n          - path: \'{{ build.Download.inputs[0].‸ }}\'\n            permissions: \'0755\'\n'),
    exactly: ['source', 'destination'],
    pick: 'destination',
    lines: "          - path: '{{ build.Download.inputs[0].destination }}'",
    valid: true,
  },
  {
    name: 'chaining: `inputs.` of a list step writes the index before the dot',
    doc: component('      - name: Mode\n        action: SetFilePermissions\n        inputs:\n          - path: \'{{ build.Download.inputs.‸ }}\'\n            permissions: \'0755\'\n'),
    exactly: ['[0].source', '[0].destination'],
    pick: '[0].destination',
    lines: "          - path: '{{ build.Download.inputs[0].destination }}'",
    valid: true,
  },
  {
    name: 'chaining: outputs the module produces',
    doc: component('      - name: Show\n        action: ExecuteBash\n        inputs:\n          commands:\n            - echo "{{ build.Loop.outputs.‸"\n'),
    exactly: ['stdout'],
    pick: 'stdout',
    lines: '            - echo "{{ build.Loop.outputs.stdout }}"',
  },
  {
    name: 'no chaining across stages: a test step does not see build steps',
    doc: component('', '  - name: test\n    steps:\n      - name: Probe\n        action: ExecuteBash\n        inputs:\n          commands:\n            - echo {{ ‸ }}\n'),
    includes: ['Version'],
    excludes: ['build'],
  },
  {
    name: '`context:` keys, closed',
    doc: COMPONENT.replace('- echo {{ Version }}', '- echo {{ context:re‸'),
    includes: ['accountId', 'region'],
    pick: 'region',
    lines: '            - echo {{ context:region }}',
    valid: true,
  },
  {
    name: '`aws:imds:` common paths, never the credential ones',
    doc: COMPONENT.replace('- echo {{ Version }}', '- echo {{ aws:imds:‸ }}'),
    includes: ['instance-id', 'placement/region'],
    pick: 'placement/region',
    lines: '            - echo {{ aws:imds:placement/region }}',
    valid: true,
  },
  {
    name: '`env:` variables Image Builder sets',
    doc: COMPONENT.replace('- echo {{ Version }}', '- echo {{ env:‸ }}'),
    includes: ['IMAGE_PHASE', 'IMAGE_VERSION'],
  },
  {
    name: 'nothing in a comment',
    doc: COMPONENT.replace('name: demo', 'name: demo # act‸'),
    exactly: [],
  },
  {
    name: 'an empty document offers the keys of both kinds',
    doc: '‸',
    includes: ['schemaVersion', 'phases', 'steps'],
  },
];

const BUILD: AnalyzeOptions = { workflowType: 'BUILD' };

const workflowCases: Case[] = [
  {
    name: 'workflow step keys',
    doc: workflow('  - name: Run\n    action: RunCommand\n    ‸\n'),
    includes: ['inputs', 'description', 'onFailure', 'rollbackEnabled', 'timeoutSeconds', 'if'],
    excludes: ['name', 'action'],
  },
  {
    name: 'workflow inputs: required first, each beside its `.$` form',
    doc: workflow('  - name: Run\n    action: RunCommand\n    inputs:\n      ‸\n'),
    exactly: ['instanceId', 'instanceId.$', 'documentName', 'documentName.$', 'parameters', 'parameters.$', 'documentVersion', 'documentVersion.$'],
    pick: 'instanceId.$',
    lines: '      instanceId.$: ',
    retriggers: true,
  },
  {
    name: 'an input written in either form is not offered again',
    doc: workflow('  - name: Run\n    action: RunCommand\n    inputs:\n      instanceId.$: $.stepOutputs.Launch.instanceId\n      ‸\n'),
    excludes: ['instanceId', 'instanceId.$'],
    includes: ['documentName'],
  },
  {
    name: 'a `.$` value starts with the JSONPath roots',
    doc: workflow('  - name: Run\n    action: RunCommand\n    inputs:\n      instanceId.$: ‸\n'),
    exactly: ['$.parameters', '$.stepOutputs', '$.imagebuilder', '$.workflowOutputs'],
    pick: '$.stepOutputs',
    lines: '      instanceId.$: $.stepOutputs.',
    retriggers: true,
  },
  {
    name: '`$.` roots',
    doc: workflow('  - name: Run\n    action: RunCommand\n    inputs:\n      instanceId.$: $.‸\n'),
    exactly: ['parameters', 'stepOutputs', 'imagebuilder', 'workflowOutputs'],
  },
  {
    name: '`$.stepOutputs.`: only earlier steps',
    doc: workflow(`  - name: Run\n    action: RunCommand\n    inputs:\n      documentName: AWS-RunShellScript\n      instanceId.$: $.stepOutputs.‸\n${LATER_STEP}`),
    exactly: ['Launch'],
    pick: 'Launch',
    lines: '      instanceId.$: $.stepOutputs.Launch.',
  },
  {
    name: '`$.stepOutputs.<step>.`: that action\'s outputs',
    doc: workflow('  - name: Run\n    action: RunCommand\n    onFailure: Abort\n    inputs:\n      documentName: AWS-RunShellScript\n      instanceId.$: $.stepOutputs.Launch.inst‸\n'),
    options: BUILD,
    includes: ['instanceId', 'instanceType'],
    pick: 'instanceId',
    lines: '      instanceId.$: $.stepOutputs.Launch.instanceId',
    valid: true,
  },
  {
    name: '`$.parameters.` with their types',
    doc: workflow('  - name: Run\n    action: RunCommand\n    inputs:\n      instanceId.$: $.parameters.‸\n'),
    exactly: ['Types'],
    pick: 'Types',
    detail: 'parameter · stringList',
  },
  {
    name: '`$.imagebuilder.`: documented variables first',
    doc: workflow('  - name: Run\n    action: RunCommand\n    inputs:\n      documentName.$: $.imagebuilder.‸\n'),
    includes: ['cloudWatchLogGroup', 'imageId', 'workingDirectory', 'dateTime'],
  },
  {
    name: '`{{ $... }}` in a string value is closed',
    doc: workflow("  - name: Approve\n    action: WaitForAction\n    inputs:\n      snsTopicArn: arn:aws:sns:us-east-1:111122223333:topic\n      payload: 'image {{ $.imagebuilder.imageN‸'\n"),
    options: BUILD,
    pick: 'imageName',
    lines: "      payload: 'image {{ $.imagebuilder.imageName }}'",
    valid: true,
  },
  {
    name: 'an empty `{{ }}` in a workflow starts with the JSONPath roots',
    doc: workflow("  - name: Approve\n    action: WaitForAction\n    inputs:\n      snsTopicArn: arn:aws:sns:us-east-1:111122223333:topic\n      payload: 'image {{ ‸ }}'\n"),
    exactly: ['$.parameters', '$.stepOutputs', '$.imagebuilder', '$.workflowOutputs'],
    pick: '$.imagebuilder',
    lines: "      payload: 'image {{ $.imagebuilder. }}'",
  },
  {
    name: 'a condition\'s `value` after `stringEquals`: no booleans, the JSONPath roots',
    doc: workflow('  - name: Again\n    action: LaunchInstance\n    if:\n      stringEquals: AMI\n      value: ‸\n    inputs:\n      waitFor: ssmAgent\n'),
    exactly: ['$.parameters', '$.stepOutputs', '$.imagebuilder', '$.workflowOutputs'],
  },
  {
    name: 'a condition\'s `value` after `booleanEquals`: booleans first',
    doc: workflow('  - name: Again\n    action: LaunchInstance\n    if:\n      booleanEquals: true\n      value: ‸\n    inputs:\n      waitFor: ssmAgent\n'),
    exactly: ['true', 'false', '$.parameters', '$.stepOutputs', '$.imagebuilder', '$.workflowOutputs'],
  },
  {
    name: 'workflow `if`: operators before the keys they share',
    doc: workflow('  - name: Again\n    action: LaunchInstance\n    if:\n      ‸\n'),
    includes: ['booleanEquals', 'stringEquals', 'and', 'not', 'value'],
  },
  {
    name: 'actions the workflow type allows',
    doc: workflow('  - name: Run\n    action: ‸\n'),
    options: { workflowType: 'TEST' },
    includes: ['RunCommand', 'TerminateInstance'],
    excludes: ['DistributeImage', 'ModifyImageAttributes'],
    pick: 'RunCommand',
    detail: 'BUILD, TEST, DISTRIBUTION',
  },
  {
    name: 'every action when the type is unknown',
    doc: workflow('  - name: Run\n    action: ‸\n'),
    includes: ['CreateImage', 'DistributeImage', 'RunCommand'],
  },
  {
    name: 'an input enum (`waitFor`)',
    doc: workflow('  - name: Again\n    action: LaunchInstance\n    inputs:\n      waitFor: ‸\n'),
    exactly: ['ssmAgent'],
    pick: 'ssmAgent',
    valid: true,
    options: BUILD,
  },
  {
    name: 'workflow `onFailure`',
    doc: workflow('  - name: Again\n    action: LaunchInstance\n    onFailure: ‸\n'),
    exactly: ['Abort', 'Continue'],
  },
  {
    name: 'a new workflow step with required inputs, chained to a real earlier step, and onFailure',
    doc: workflow('  - ‸\n'),
    options: BUILD,
    includes: ['name', 'action', 'New CreateImage step', 'New RunCommand step'],
    excludes: ['New DistributeImage step', 'New CollectImageScanFindings step'],
    pick: 'New RunCommand step',
    lines: '  - name: RunCommand\n    action: RunCommand\n    onFailure: Abort\n    inputs:\n      instanceId.$: $.stepOutputs.Launch.instanceId\n      documentName: AWS-RunShellScript',
    valid: true,
  },
  {
    name: 'a new TerminateInstance step continues on failure',
    doc: workflow('  - ‸\n'),
    options: BUILD,
    snippets: true,
    pick: 'New TerminateInstance step',
    newText: 'name: ${1:TerminateInstance}\n    action: TerminateInstance\n    onFailure: ${2|Continue,Abort|}\n    inputs:\n      instanceId.\\$: ${3:\\$.stepOutputs.Launch.instanceId}$0',
    valid: true,
  },
  {
    name: 'workflow `if` operators',
    doc: workflow('  - name: Again\n    action: LaunchInstance\n    if:\n      ‸\n'),
    includes: ['booleanEquals', 'stringEquals', 'and', 'or', 'not'],
  },
];

function run(c: Case): { list: CompletionList; text: string; offset: number } {
  const { text, offset } = withCursor(c.doc);
  const analysis = analyze(text, c.options);
  const list = complete(analysis, analysis.lines.positionAt(offset), { snippetSupport: c.snippets, rethrow: true });
  return { list, text, offset };
}

/** Labels in the order an editor shows them before filtering. */
function sorted(items: CompletionItem[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
}

function apply(text: string, edit: TextEdit, snippet: boolean): string {
  const analysis = analyze(text);
  const start = analysis.lines.offsetAt(edit.range.start);
  const end = analysis.lines.offsetAt(edit.range.end);
  return text.slice(0, start) + (snippet ? snippetToPlain(edit.newText) : edit.newText) + text.slice(end);
}

function check(c: Case): void {
  const { list, text, offset } = run(c);
  const labels = sorted(list.items);
  if (c.exactly) expect(labels).toEqual(c.exactly);
  if (c.includes) expect(labels.filter((l) => c.includes!.includes(l))).toEqual(c.includes);
  for (const label of c.excludes ?? []) expect(labels).not.toContain(label);
  if (!c.pick) return;
  const item = list.items.find((i) => i.label === c.pick);
  expect(item, `${c.pick} in ${labels.join(', ')}`).toBeDefined();
  const edit = item!.textEdit as TextEdit;
  if (c.newText !== undefined) expect(edit.newText).toBe(c.newText);
  if (c.detail !== undefined) expect(item!.detail).toBe(c.detail);
  if (c.retriggers !== undefined) expect(item!.command?.command === 'editor.action.triggerSuggest').toBe(c.retriggers);
  const after = apply(text, edit, item!.insertTextFormat === 2);
  const line = analyze(text).lines.positionAt(offset).line;
  if (c.lines !== undefined) {
    const expected = c.lines.split('\n');
    expect(after.split(/\r?\n/).slice(line, line + expected.length).join('\n')).toBe(c.lines);
  }
  if (c.valid) {
    const errors = validate(after, c.options).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code}: ${d.message}`), after).toEqual([]);
  }
}

describe('complete: components', () => {
  it('the base document is valid', () => {
    expect(validate(COMPONENT, LINUX).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
  for (const c of componentCases) it(c.name, () => check(c));
});

describe('complete: workflows', () => {
  it('the base document is valid', () => {
    expect(validate(WORKFLOW, BUILD).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
  for (const c of workflowCases) it(c.name, () => check(c));
});

describe('complete: every new-step snippet, accepted as plain text, is a valid step', () => {
  const accept = (doc: string, label: string, options: AnalyzeOptions) => {
    const { text, offset } = withCursor(doc);
    const analysis = analyze(text, options);
    const item = complete(analysis, analysis.lines.positionAt(offset), { rethrow: true }).items.find((i) => i.label === label);
    expect(item, label).toBeDefined();
    return apply(text, item!.textEdit as TextEdit, false);
  };
  for (const action of COMPONENT_ACTIONS) {
    const platform = action.platforms.includes('Linux') ? 'Linux' : action.platforms[0];
    it(`component: ${action.name} (${platform})`, () => {
      const after = accept('schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - ‸\n', `New ${action.name} step`, { platform });
      const errors = validate(after, { platform }).diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.code}: ${d.message}`), after).toEqual([]);
    });
  }
  for (const action of WORKFLOW_ACTIONS) {
    const workflowType = action.types[0];
    // Actions that read a DistributeImage step's output get one to read; the others a LaunchInstance step.
    const source = action.chainedOnly?.includes('distributedImages')
      ? '  - name: Copies\n    action: DistributeImage\n    onFailure: Abort\n    inputs:\n      distributions:\n        - region: us-west-2\n'
      : workflowType === 'DISTRIBUTION' ? '' : undefined;
    it(`workflow: ${action.name} (${workflowType})`, () => {
      const base = source === undefined ? WORKFLOW : `name: wf\nschemaVersion: 1.0\nsteps:\n${source}`;
      const after = accept(base + '  - ‸\n', `New ${action.name} step`, { workflowType });
      const errors = validate(after, { workflowType }).diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => `${d.code}: ${d.message}`), after).toEqual([]);
    });
  }
});

describe('complete: requests it must survive', () => {
  const analysis = analyze(COMPONENT);
  it('positions outside the text give an empty list', () => {
    for (const position of [{ line: 999, character: 0 }, { line: 0, character: 999 }, { line: -1, character: 0 }]) {
      expect(complete(analysis, position, { rethrow: true }).items).toEqual([]);
    }
  });
  it('a space opens the list only after `key:`, `- ` or `{{`', () => {
    const at = (marked: string) => {
      const { text, offset } = withCursor(marked);
      const a = analyze(text);
      return complete(a, a.lines.positionAt(offset), { triggerCharacter: ' ', rethrow: true }).items.map((i) => i.label);
    };
    expect(at(component('      - name: Run\n        action: ExecuteBash\n        onFailure: ‸\n'))).toContain('Abort');
    expect(at(COMPONENT.replace('name: demo', 'name: my demo ‸'))).toEqual([]);
  });
  it('a client without snippet support gets plain text only', () => {
    const { text, offset } = withCursor(component('      - ‸\n'));
    const a = analyze(text);
    const items = complete(a, a.lines.positionAt(offset), { rethrow: true }).items;
    expect(items.length).toBeGreaterThan(10);
    for (const item of items) {
      expect(item.insertTextFormat).toBe(1);
      expect((item.textEdit as TextEdit).newText).not.toMatch(/\$\{\d|\$0/);
    }
  });
});

describe('cursorAt skips lines deeper than every open frame (shared model, made linear for completion)', () => {
  it('still counts the items of the list and finds the siblings past nested lines', () => {
    const nested = '      - name: Deep{n}\n        action: ExecuteBash\n        inputs:\n          commands:\n            - |\n              echo {n}\n              - not an item\n            # a comment at the item column\n';
    const doc = component([1, 2, 3].map((n) => nested.replace(/\{n\}/g, String(n))).join(''), '      - name: Last\n        # note\n        ‸\n        action: ExecuteBash\n          \n        onFailure: Abort\n');
    const { text, offset } = withCursor(doc);
    const cursor = cursorAt(analyze(text), offset);
    expect(cursor.path).toEqual(['phases', 0, 'steps', 5]);
    expect(cursor.siblings.sort()).toEqual(['action', 'name', 'onFailure']);
    expect(cursor.step?.name).toBe('Last');
  });
});

/** Positions worth asking at: the start and end of each line's content, and after every character that opens something. */
function positionsOf(text: string): number[] {
  const offsets = new Set<number>();
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const content = line.length - line.trimStart().length;
    offsets.add(lineStart + content).add(lineStart + line.replace(/\r$/, '').length);
    for (let i = 0; i < line.length; i++) if ('.:{$-'.includes(line[i])) offsets.add(lineStart + i + 1);
    lineStart += line.length + 1;
  }
  return [...offsets].filter((o) => o <= text.length);
}

describe('complete: every corpus document', () => {
  const documents = ['component', 'workflow'].flatMap((kind) => readdirSync(join(CORPUS, kind)).map((file) => ({ file: `${kind}/${file}`, text: readFileSync(join(CORPUS, kind, file), 'utf8') })));

  it('answers without an internal error, every edit on the cursor line and around the cursor', () => {
    let asked = 0;
    let offered = 0;
    const wrong: string[] = [];
    for (const { file, text } of documents) {
      const analysis = analyze(text);
      for (const offset of positionsOf(text)) {
        const position = analysis.lines.positionAt(offset);
        const list = complete(analysis, position, { snippetSupport: offset % 2 === 0, rethrow: true });
        asked++;
        offered += list.items.length;
        for (const item of list.items) {
          const { range } = item.textEdit as TextEdit;
          const start = analysis.lines.offsetAt(range.start);
          const end = analysis.lines.offsetAt(range.end);
          const end2 = analysis.lines.positionAt(end);
          const inside = range.start.line === position.line && range.end.line === position.line && start <= offset && offset <= end
            && end2.line === range.end.line && end2.character === range.end.character;
          if (!inside && wrong.length < 10) wrong.push(`${file} at ${position.line}:${position.character}: ${item.label} ${JSON.stringify(range)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(documents.length).toBeGreaterThan(200);
    expect(offered).toBeGreaterThan(asked);
  }, 240_000);

  it('half-typed documents: a cut or an insertion, then completion at any position of that line', () => {
    const edit = fc.record({
      document: fc.nat({ max: documents.length - 1 }),
      at: fc.nat(),
      cut: fc.nat({ max: 40 }),
      insert: fc.constantFrom('', '{{ ', '{{', '$.', '$.stepOutputs.', '- ', ': ', 'action: ', '  ', '\n', "'", '"', '#', '.', 'inputs:\n  - '),
      column: fc.nat(),
    });
    fc.assert(fc.property(edit, fc.boolean(), ({ document, at, cut, insert, column }, snippetSupport) => {
      const source = documents[document].text;
      const where = at % (source.length + 1);
      const text = source.slice(0, where) + insert + source.slice(where + cut);
      const analysis = analyze(text);
      const line = analysis.lines.positionAt(where + insert.length).line;
      const length = analysis.lines.lineEnd(line) - analysis.lines.offsetAt({ line, character: 0 });
      const position = { line, character: column % (length + 1) };
      const offset = analysis.lines.offsetAt(position);
      for (const item of complete(analysis, position, { snippetSupport, rethrow: true }).items) {
        const { range } = item.textEdit as TextEdit;
        expect(range.start.line).toBe(line);
        expect(range.end.line).toBe(line);
        expect(analysis.lines.offsetAt(range.start) <= offset && offset <= analysis.lines.offsetAt(range.end)).toBe(true);
      }
    }), { numRuns: 300, seed: 20261201 });
  });
});
