/**
 * The language server over real stdio (`imagebuilder-yaml lsp --stdio`): the diagnostics an
 * editor receives are the service's, for the version the editor sent, and only for Image
 * Builder documents.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../server/src/service/validate';

interface Published {
  uri: string;
  version?: number;
  diagnostics: Array<{ range: unknown; severity: number; code: string; source: string; message: string }>;
}

const BROKEN = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Fetch\n        action: S3Download\n        inputs:\n          - source: s3://bucket/key\n';
const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

let child: ChildProcessWithoutNullStreams;
let connection: MessageConnection;
let folder: string;
const published: Published[] = [];
const waiters: Array<(p: Published) => boolean> = [];

function next(uri: string, version?: number): Promise<Published> {
  const seen = published.find((p) => p.uri === uri && (version === undefined || p.version === version));
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 10000);
    waiters.push((p) => {
      if (p.uri !== uri || (version !== undefined && p.version !== version)) return false;
      clearTimeout(timer);
      resolve(p);
      return true;
    });
  });
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'ib-lsp-'));
  child = spawn(process.execPath, [join(__dirname, '..', 'bin', 'imagebuilder-yaml.js'), 'lsp', '--stdio', `--clientProcessId=${process.pid}`]);
  connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
    published.push(p);
    const index = waiters.findIndex((w) => w(p));
    if (index >= 0) waiters.splice(index, 1);
  });
  connection.onRequest('workspace/configuration', () => [{ platform: 'Linux', debounceMs: 20 }]);
  connection.listen();
  const result = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  }) as { serverInfo: { name: string } };
  expect(result.serverInfo.name).toBe('imagebuilder-yaml');
  await connection.sendNotification('initialized', {});
});

afterAll(async () => {
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  child.kill();
  rmSync(folder, { recursive: true, force: true });
});

describe('language server over stdio', () => {
  it('publishes the service diagnostics for an opened document', async () => {
    const uri = pathToFileURL(join(folder, 'broken.yaml')).href;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: BROKEN } });
    const result = await next(uri, 1);
    const expected = validate(BROKEN, { platform: 'Linux', fileName: 'broken.yaml' }).diagnostics;
    expect(result.diagnostics).toEqual(expected.map((d) => ({ range: d.range, severity: SEVERITY[d.severity], code: d.code, source: 'imagebuilder', message: d.message, ...(d.data ? { data: d.data } : {}) })));
    expect(result.diagnostics.map((d) => d.code)).toContain('missing-input');
  });

  it('revalidates after an incremental edit, for the new version only', async () => {
    const uri = pathToFileURL(join(folder, 'edited.yaml')).href;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: BROKEN } });
    await next(uri, 1);
    // Two quick edits: add the missing destination, then misspell the action.
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 7, character: 34 }, end: { line: 7, character: 34 } }, text: '\n            destination: /tmp/key' }],
    });
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 5, character: 16 }, end: { line: 5, character: 26 } }, text: 'S3Downlaod' }],
    });
    const result = await next(uri, 3);
    expect(result.diagnostics.map((d) => [d.code, d.range])).toEqual([
      ['unknown-action', { start: { line: 5, character: 16 }, end: { line: 5, character: 26 } }],
    ]);
    expect(published.some((p) => p.uri === uri && p.version === 2)).toBe(false);
  });

  it('leaves other YAML files alone, and clears diagnostics on close', async () => {
    const other = pathToFileURL(join(folder, 'deployment.yaml')).href;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'yaml', version: 1, text: 'apiVersion: apps/v1\nkind: Deployment\n' } });
    // Opened after it, an Image Builder document gets its diagnostics; the manifest got nothing.
    const after = pathToFileURL(join(folder, 'after.yaml')).href;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: after, languageId: 'yaml', version: 1, text: BROKEN } });
    await next(after, 1);
    expect(published.some((p) => p.uri === other)).toBe(false);
    const uri = pathToFileURL(join(folder, 'broken.yaml')).href;
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await expect.poll(() => published.filter((p) => p.uri === uri).at(-1)?.diagnostics.length).toBe(0);
  });

  it('applies the workflow type from project metadata, and editor settings win over it', async () => {
    writeFileSync(join(folder, '.imagebuilder.json'), JSON.stringify({ documents: { 'release.yaml': { type: 'DISTRIBUTION' }, 'win.yaml': { platform: 'Windows' } } }));
    const release = pathToFileURL(join(folder, 'release.yaml')).href;
    const text = 'schemaVersion: 1.0\nsteps:\n  - name: Launch\n    action: LaunchInstance\n    inputs:\n      waitFor: ssmAgent\n  - name: Apply\n    action: ExecuteComponents\n    inputs:\n      instanceId.$: $.stepOutputs.Launch.instanceId\n';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: release, languageId: 'yaml', version: 1, text } });
    const codes = (await next(release, 1)).diagnostics.map((d) => d.code);
    expect(codes).toContain('action-not-allowed');
    // win.yaml says Windows, the editor says Linux: like a flag, the setting wins.
    const win = pathToFileURL(join(folder, 'win.yaml')).href;
    const bash = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: [echo hi]\n';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: win, languageId: 'yaml', version: 1, text: bash } });
    expect((await next(win, 1)).diagnostics).toEqual([]);
  });
});
