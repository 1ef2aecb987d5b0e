/**
 * Completion over real LSP stdio on the examples, with the server started as clients start it
 * (`lsp --stdio --clientProcessId=N`): the platform and workflow type come from the examples'
 * `.imagebuilder.json`, edits arrive as incremental changes, and an accepted new-step snippet
 * leaves a document the server publishes no error for.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CompletionItem, CompletionList, Position, TextEdit } from 'vscode-languageserver-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snippetToPlain } from '../server/src/service/completion/items';

const EXAMPLES = join(__dirname, '..', 'examples');

interface Published {
  uri: string;
  version?: number;
  diagnostics: Array<{ severity: number; code: string; message: string }>;
}

let child: ChildProcessWithoutNullStreams;
let connection: MessageConnection;
let capabilities: { completionProvider?: { triggerCharacters?: string[]; resolveProvider?: boolean } };
const published: Published[] = [];

function example(path: string): { uri: string; text: string } {
  const file = join(EXAMPLES, path);
  return { uri: pathToFileURL(file).href, text: readFileSync(file, 'utf8') };
}

/** Position just after the `occurrence`-th match of `needle` (or `offsetInNeedle` into it). */
function after(text: string, needle: string, offsetInNeedle = needle.length, occurrence = 1): Position {
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in the text`);
  const offset = at + offsetInNeedle;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

async function completion(uri: string, position: Position, triggerCharacter?: string): Promise<CompletionItem[]> {
  const result = await connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position,
    context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 },
  }) as CompletionList | CompletionItem[] | null;
  if (!result) return [];
  return Array.isArray(result) ? result : result.items;
}

function sorted(items: CompletionItem[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label);
}

const opened = new Set<string>();
async function open(uri: string, text: string, version = 1): Promise<void> {
  if (opened.has(uri)) return;
  opened.add(uri);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
}

function diagnosticsFor(uri: string, version: number): Promise<Published> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 10000);
    const poll = setInterval(() => {
      const found = published.find((p) => p.uri === uri && p.version === version);
      if (found) {
        clearTimeout(timer);
        clearInterval(poll);
        resolve(found);
      }
    }, 10);
  });
}

beforeAll(async () => {
  child = spawn(process.execPath, [join(__dirname, '..', 'bin', 'imagebuilder-yaml.js'), 'lsp', '--stdio', `--clientProcessId=${process.pid}`]);
  connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
    published.push(p);
  });
  connection.listen();
  const result = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(EXAMPLES).href,
    workspaceFolders: [{ uri: pathToFileURL(EXAMPLES).href, name: 'examples' }],
    capabilities: {
      textDocument: {
        completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true, insertTextModeSupport: { valueSet: [1, 2] } } },
        publishDiagnostics: { versionSupport: true },
      },
    },
  }) as { capabilities: typeof capabilities };
  capabilities = result.capabilities;
  await connection.sendNotification('initialized', {});
});

afterAll(async () => {
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  child.kill();
});

describe('completion over LSP stdio', () => {
  it('announces completion with its trigger characters', () => {
    expect(capabilities.completionProvider?.triggerCharacters).toEqual(expect.arrayContaining(['.', ':', '{', '$', ' ']));
  });

  it('action names on a Linux component (platform from .imagebuilder.json), replacing the whole value', async () => {
    const { uri, text } = example('components/hello-linux.yaml');
    await open(uri, text);
    const position = after(text, 'action: CreateFolder', 'action: Cre'.length);
    const items = await completion(uri, position);
    const labels = sorted(items);
    expect(labels).toContain('ExecuteBash');
    // Windows-only modules come after every module Linux supports, marked.
    expect(labels.indexOf('ExecutePowerShell')).toBeGreaterThan(labels.indexOf('UpdateOS'));
    const powershell = items.find((i) => i.label === 'ExecutePowerShell')!;
    expect(powershell.labelDetails?.detail).toContain('not on Linux');
    const bash = items.find((i) => i.label === 'ExecuteBash')!;
    expect(bash.detail).toBe('Linux, macOS');
    expect((bash.textEdit as TextEdit).range).toEqual({ start: { line: position.line, character: position.character - 3 }, end: { line: position.line, character: position.character - 3 + 'CreateFolder'.length } });
  });

  it('references inside `{{ }}`: variables, and only the earlier steps of a phase', async () => {
    const { uri, text } = example('components/hello-linux.yaml');
    await open(uri, text);
    const first = await completion(uri, after(text, "path: '{{ build.FetchTool", "path: '{{ ".length));
    expect(sorted(first)).toEqual(expect.arrayContaining(['ToolVersion', 'ConfigDir', 'build', 'context:']));
    const steps = sorted(await completion(uri, after(text, "path: '{{ build.", undefined), '.'));
    expect(steps).toEqual(['MakeConfigDir', 'FetchTool']);
    const inputs = await completion(uri, after(text, "'{{ build.FetchTool.inputs[0].", undefined), '.');
    expect(sorted(inputs)).toEqual(['source', 'destination']);
    const destination = inputs.find((i) => i.label === 'destination')!;
    // The segment is replaced; the closing braces are already there.
    expect((destination.textEdit as TextEdit).newText).toBe('destination');
  });

  it('a Windows component: Linux-only modules marked, PowerShell first', async () => {
    const { uri, text } = example('components/windows-agent.yaml');
    await open(uri, text);
    const labels = sorted(await completion(uri, after(text, 'action: InstallMSI')));
    expect(labels.indexOf('ExecutePowerShell')).toBeLessThan(labels.indexOf('ExecuteBash'));
  });

  it('`$.stepOutputs.` in a workflow: only steps that ran earlier, then their outputs', async () => {
    const { uri, text } = example('workflows/build.yaml');
    await open(uri, text);
    const at = after(text, 'instanceId.$: $.stepOutputs.', undefined, 1);
    expect(sorted(await completion(uri, at, '.'))).toEqual(['LaunchBuildInstance']);
    const outputs = sorted(await completion(uri, after(text, 'instanceId.$: $.stepOutputs.LaunchBuildInstance.', undefined, 1), '.'));
    expect(outputs).toEqual(expect.arrayContaining(['instanceId']));
  });

  it('a new step snippet in a BUILD workflow, accepted as the editor would, publishes no error', async () => {
    const { uri, text } = example('workflows/build.yaml');
    const copy = uri.replace('build.yaml', 'build-edited.yaml');
    await open(copy, text);
    await diagnosticsFor(copy, 1);
    // Type a new list item before `outputs:`.
    const line = text.split('\n').indexOf('outputs:');
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: copy, version: 2 },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '  - \n\n' }],
    });
    const items = await completion(copy, { line, character: 4 }, ' ');
    const labels = sorted(items);
    expect(labels).toEqual(expect.arrayContaining(['name', 'action', 'New RunCommand step']));
    expect(labels).not.toContain('New DistributeImage step');
    const step = items.find((i) => i.label === 'New RunCommand step')!;
    expect(step.insertTextFormat).toBe(2);
    const edit = step.textEdit as TextEdit;
    expect(edit.newText).toContain('instanceId.\\$: ${3:\\$.stepOutputs.LaunchBuildInstance.instanceId}');
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: copy, version: 3 },
      contentChanges: [{ range: edit.range, text: snippetToPlain(edit.newText) }],
    });
    const result = await diagnosticsFor(copy, 3);
    expect(result.diagnostics.filter((d) => d.severity === 1).map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  });

  it('answers nothing for other YAML, unknown documents, positions past the end and a space in free text', async () => {
    const other = pathToFileURL(join(EXAMPLES, 'deployment.yaml')).href;
    await open(other, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n');
    expect(await completion(other, { line: 3, character: 2 })).toEqual([]);
    expect(await completion(pathToFileURL(join(EXAMPLES, 'never-opened.yaml')).href, { line: 0, character: 0 })).toEqual([]);
    const { uri, text } = example('components/hello-linux.yaml');
    await open(uri, text);
    expect(await completion(uri, { line: 10_000, character: 0 })).toEqual([]);
    expect(await completion(uri, { line: 0, character: 500 })).toEqual([]);
    expect(await completion(uri, after(text, 'Installs a small'), ' ')).toEqual([]);
  });
});
