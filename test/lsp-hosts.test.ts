/**
 * CloudFormation templates and Terraform files in the editor, over real stdio: the server
 * publishes the embedded documents' diagnostics at their places in the host, exactly as the
 * service reports them, and stays silent on templates without Image Builder resources.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateHost } from '../server/src/service/embedded';
import { TestClient } from './support/lspClient';

const FIXTURES = join(__dirname, 'fixtures', 'iac');
let folder: string;
let client: TestClient;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'ib-lsp-hosts-'));
  ({ client } = await TestClient.start({ rootPath: folder, settings: {} }));
});
afterAll(async () => {
  await client.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('embedded documents in the editor', () => {
  for (const [file, languageId] of [['cfn-block.yaml', 'yaml'], ['cfn-join.yaml', 'yaml'], ['cdk.template.json', 'json']] as const) {
    it(`publishes ${file}'s diagnostics at host positions`, async () => {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      const uri = pathToFileURL(join(folder, file)).href;
      await client.open(uri, text, languageId);
      const published = await client.diagnostics(uri, 1);
      const expected = validateHost(text, join(folder, file)).diagnostics;
      expect(expected.length).toBeGreaterThan(0);
      expect(published.diagnostics.map((d) => [d.code, d.range])).toEqual(expected.map((d) => [d.code, d.range]));
    });
  }

  it('stays silent on a template without Image Builder resources', async () => {
    const template = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub "${AWS::StackName}-logs"\n';
    const uri = pathToFileURL(join(folder, 'bucket.yaml')).href;
    await client.open(uri, template);
    const marker = pathToFileURL(join(folder, 'marker.yaml')).href;
    await client.open(marker, 'schemaVersion: 1.0\nphases: []\n');
    await client.diagnostics(marker, 1);
    expect(client.published.some((p) => p.uri === uri)).toBe(false);
  });

  it('completes and applies inside a CloudFormation Data block scalar as in a standalone document', async () => {
    const template = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Hello:',
      '    Type: AWS::ImageBuilder::Component',
      '    Properties:',
      '      Name: hello',
      '      Version: 1.0.0',
      '      Platform: Linux',
      '      Data: |',
      '        schemaVersion: 1.0',
      '        parameters:',
      '          - Greeting:',
      '              type: string',
      '              default: hi',
      '        phases:',
      '          - name: build',
      '            steps:',
      '              - name: Hello',
      '                action: ExecuteBash',
      '                inputs:',
      '                  commands:',
      "                    - echo '{{ Gr'",
      '',
    ].join('\n');
    const uri = pathToFileURL(join(folder, 'complete.yaml')).href;
    await client.open(uri, template);
    await client.diagnostics(uri, 1);
    const line = 21;
    const character = template.split('\n')[line].indexOf('Gr') + 2;
    const list = await client.request<{ items: Array<{ label: string; textEdit?: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string } }> }>(
      'textDocument/completion', { textDocument: { uri }, position: { line, character } });
    const item = list.items.find((i) => i.label === 'Greeting');
    expect(item?.textEdit?.range.start.line).toBe(line);
    const lines = template.split('\n');
    const { start, end } = item!.textEdit!.range;
    lines[line] = lines[line].slice(0, start.character) + item!.textEdit!.newText + lines[line].slice(end.character);
    expect(lines[line]).toBe("                    - echo '{{ Greeting }}'");
    // The template with the completion applied has no diagnostics left.
    expect(validateHost(lines.join('\n'), join(folder, 'complete.yaml')).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Keys of the step inside the block scalar: the host's indentation is kept.
    const keys = await client.request<{ items: Array<{ label: string }> }>('textDocument/completion', { textDocument: { uri }, position: { line: 19, character: 16 } });
    expect(keys.items.map((i) => i.label)).toEqual(expect.arrayContaining(['timeoutSeconds', 'onFailure']));
    // Hover on the action inside the block scalar, with the range in the host.
    const actionLine = 18;
    const hover = await client.request<{ contents: { value: string }; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>(
      'textDocument/hover', { textDocument: { uri }, position: { line: actionLine, character: template.split('\n')[actionLine].indexOf('ExecuteBash') + 3 } });
    expect(hover.contents.value).toContain('ExecuteBash');
    expect(hover.range.start).toEqual({ line: actionLine, character: template.split('\n')[actionLine].indexOf('ExecuteBash') });
  });
});
