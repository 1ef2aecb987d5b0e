import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/service/analysis';
import { cursorAt, nodeAt } from '../server/src/service/cursor';
import { withCursor, yaml } from './support/cursor';

const component = (body: string) => yaml`
  name: Demo
  schemaVersion: 1.0
  parameters:
    - Version:
        type: string
        default: '1.0'
  phases:
    - name: build
      steps:
        - name: Download
          action: S3Download
          inputs:
            - source: s3://bucket/key
              destination: /tmp/file
${body}`;

function context(marked: string) {
  const { text, offset } = withCursor(marked);
  const analysis = analyze(text);
  return { ...cursorAt(analysis, offset), text, analysis };
}

describe('cursorAt: position to context on text being typed', () => {
  it('`action: ` with nothing after it is the value of action in the step', () => {
    const c = context(component(`        - name: Run\n          action: ‸\n`));
    expect(c.role).toBe('value');
    expect(c.key).toBe('action');
    expect(c.path).toEqual(['phases', 0, 'steps', 1, 'action']);
    expect(c.step?.name).toBe('Run');
    expect(c.phase?.name).toBe('build');
    expect(c.word).toBe('');
  });

  it('a half-typed key above other keys: path, partial word and siblings', () => {
    const c = context(component(`        - name: Run\n          timeo‸\n          action: ExecuteBash\n`));
    expect(c.role).toBe('key');
    expect(c.word).toBe('timeo');
    expect(c.path).toEqual(['phases', 0, 'steps', 1]);
    expect(c.siblings.sort()).toEqual(['action', 'name']);
    expect(c.text.slice(c.replaceStart, c.replaceEnd)).toBe('timeo');
  });

  it('a blank indented line inside a step', () => {
    const c = context(component(`        - name: Run\n          action: ExecuteBash\n          ‸\n`));
    expect(c.role).toBe('key');
    expect(c.path).toEqual(['phases', 0, 'steps', 1]);
    expect(c.siblings.sort()).toEqual(['action', 'name']);
  });

  it('the first key of a new list item', () => {
    const c = context(component(`        - ‸\n`));
    expect(c.role).toBe('key');
    expect(c.path).toEqual(['phases', 0, 'steps', 1]);
    expect(c.siblings).toEqual([]);
  });

  it('a key inside the inputs list of the step above', () => {
    const c = context(component('').replace('            destination: /tmp/file\n', '            destination: /tmp/file\n            ‸\n'));
    expect(c.role).toBe('key');
    expect(c.path).toEqual(['phases', 0, 'steps', 0, 'inputs', 0]);
    expect(c.siblings.sort()).toEqual(['destination', 'source']);
    expect(c.step?.name).toBe('Download');
  });

  it('an unfinished `{{ build.` is a reference', () => {
    const c = context(component(`        - name: Run\n          action: ExecuteBash\n          inputs:\n            commands:\n              - echo '{{ build.‸\n`));
    expect(c.role).toBe('reference');
    expect(c.reference?.prefix).toBe('build.');
    expect(c.reference?.closed).toBe(false);
    expect(c.path).toEqual(['phases', 0, 'steps', 1, 'inputs', 'commands', 0]);
    expect(c.step?.name).toBe('Run');
  });

  it('a reference inside a block scalar, closed after the cursor', () => {
    const c = context(component(`        - name: Run\n          action: ExecuteBash\n          inputs:\n            commands:\n              - |\n                echo "{{ Vers‸ }}"\n`));
    expect(c.role).toBe('reference');
    expect(c.reference?.prefix).toBe('Vers');
    expect(c.reference?.closed).toBe(true);
    expect(c.text.slice(c.replaceStart, c.replaceEnd)).toBe('Vers');
  });

  it('`$.stepOutputs.` in a workflow value', () => {
    const c = context(yaml`
      name: wf
      schemaVersion: 1.0
      steps:
        - name: Launch
          action: LaunchInstance
          onFailure: Abort
          inputs:
            waitFor: ssmAgent
        - name: Run
          action: RunCommand
          inputs:
            instanceId.$: $.stepOutputs.‸
    `);
    expect(c.role).toBe('reference');
    expect(c.reference?.syntax).toBe('jsonpath');
    expect(c.reference?.prefix).toBe('$.stepOutputs.');
    expect(c.workflowStep?.name).toBe('Run');
    expect(c.path).toEqual(['steps', 1, 'inputs', 'instanceId.$']);
  });

  it('works with CRLF line ends', () => {
    const c = context(component(`        - name: Run\n          action: Exec‸\n`).replace(/\n/g, '\r\n'));
    expect(c.role).toBe('value');
    expect(c.word).toBe('Exec');
    expect(c.path).toEqual(['phases', 0, 'steps', 1, 'action']);
  });
});

describe('nodeAt: the syntax tree at a position', () => {
  it('finds a key and a value with their paths', () => {
    const { text, offset } = withCursor(component('').replace('action: S3Download', 'action: S3Down‸load'));
    const analysis = analyze(text);
    const value = nodeAt(analysis, offset);
    expect(value?.role).toBe('value');
    expect(value?.path).toEqual(['phases', 0, 'steps', 0, 'action']);
    expect(value?.step?.name).toBe('Download');
    const key = nodeAt(analysis, text.indexOf('destination') + 2);
    expect(key?.role).toBe('key');
    expect(key?.path).toEqual(['phases', 0, 'steps', 0, 'inputs', 0, 'destination']);
  });
});
