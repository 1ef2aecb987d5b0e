/**
 * The server's protocol behaviour over real stdio, started as editors start it: diagnostics at
 * once on open and debounced after edits (never for an old version), pull diagnostics, settings
 * pulled or pushed, severities and codes turned off, the `files` globs, `.imagebuilder.json`
 * watched, silence on other YAML, bad requests answered, and exit when the client process dies.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './support/lspClient';

const BASH = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands:\n            - echo hi\n';
const TYPO = BASH.replace('ExecuteBash', 'ExecuteBashh');
const OTHER = join(__dirname, 'fixtures', 'other-yaml');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let folder: string;
const uriOf = (name: string) => pathToFileURL(join(folder, name)).href;
const clients: TestClient[] = [];

async function start(options: Omit<Parameters<typeof TestClient.start>[0], 'rootPath'>) {
  const started = await TestClient.start({ rootPath: folder, ...options });
  clients.push(started.client);
  return started;
}

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'ib-lsp-protocol-'));
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.stop()));
  rmSync(folder, { recursive: true, force: true });
});

describe('diagnostics timing', () => {
  it('publishes a newly opened document at once, once, and debounces edits to the newest version', async () => {
    // A debounce longer than the wait below: diagnostics can only come from the open itself.
    const { client } = await start({ settings: { debounceMs: 60000, platform: 'Linux' } });
    const uri = uriOf('timing.yaml');
    await client.open(uri, TYPO);
    const first = await client.diagnostics(uri, 1, 8000);
    expect(first.diagnostics.map((d) => d.code)).toEqual(['unknown-action']);
    await sleep(300);
    // The content-change event TextDocuments reports for every open did not validate it again.
    expect(client.published.filter((p) => p.uri === uri)).toHaveLength(1);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { imagebuilder: { debounceMs: 300, platform: 'Linux' } } });
    await client.change(uri, BASH);
    await client.change(uri, TYPO);
    const v4 = await client.change(uri, BASH);
    expect((await client.diagnostics(uri, v4)).diagnostics).toEqual([]);
    await sleep(100);
    // v2 and v3 were replaced before their timers ran: never published.
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version);
    expect(versions).not.toContain(2);
    expect(versions).not.toContain(3);
    expect(versions.at(-1)).toBe(4);
  });

  it('answers pull requests and does not push when the client pulls', async () => {
    const { client, initialize } = await start({ settings: {}, capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } } });
    expect(initialize.capabilities.diagnosticProvider).toBeTruthy();
    const uri = uriOf('pulled.yaml');
    await client.open(uri, TYPO);
    const report = await client.request<{ kind: string; items: Array<{ code: string }> }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(report.kind).toBe('full');
    expect(report.items.map((d) => d.code)).toEqual(['unknown-action']);
    await sleep(200);
    expect(client.published.filter((p) => p.uri === uri)).toEqual([]);
  });
});

describe('settings', () => {
  it('takes settings the client answers to workspace/configuration', async () => {
    const { client } = await start({ settings: { platform: 'Windows' } });
    const uri = uriOf('pulled-settings.yaml');
    await client.open(uri, BASH);
    expect((await client.diagnostics(uri, 1)).diagnostics.map((d) => d.code)).toContain('platform-unsupported-action');
    expect(client.configurationRequests.length).toBeGreaterThan(0);
  });

  it('takes settings the client pushes with didChangeConfiguration', async () => {
    const { client } = await start({ settings: undefined });
    const uri = uriOf('pushed-settings.yaml');
    await client.open(uri, BASH);
    expect((await client.diagnostics(uri, 1)).diagnostics.map((d) => d.code)).toEqual(['platform-unknown']);
    const before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { imagebuilder: { platform: 'Windows' } } });
    await expect.poll(() => client.published.slice(before).find((p) => p.uri === uri)?.diagnostics.map((d) => d.code)).toContain('platform-unsupported-action');
  });

  it('changes severities and turns codes off', async () => {
    const { client } = await start({ settings: { severity: { 'unknown-action': 'information' }, disabledCodes: ['platform-unknown'] } });
    const uri = uriOf('severity.yaml');
    await client.open(uri, TYPO);
    const { diagnostics } = await client.diagnostics(uri, 1);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['unknown-action', 3]]);
  });

  it('judges files the `files` globs name, whatever their content', async () => {
    mkdirSync(join(folder, 'ci'), { recursive: true });
    const { client } = await start({ settings: { files: ['ci/*.yml'] } });
    const uri = uriOf('ci/buildkite.yml');
    await client.open(uri, readFileSync(join(OTHER, 'buildkite.yml'), 'utf8'));
    const codes = (await client.diagnostics(uri, 1)).diagnostics.map((d) => d.code);
    expect(codes.length).toBeGreaterThan(0);
  });

  it('re-validates open documents when .imagebuilder.json changes', async () => {
    const sub = join(folder, 'watched');
    mkdirSync(sub, { recursive: true });
    const { client } = await start({ settings: {} });
    const uri = pathToFileURL(join(sub, 'hello.yaml')).href;
    await client.open(uri, BASH);
    expect((await client.diagnostics(uri, 1)).diagnostics.map((d) => d.code)).toEqual(['platform-unknown']);
    writeFileSync(join(sub, '.imagebuilder.json'), JSON.stringify({ documents: { 'hello.yaml': { platform: 'Windows' } } }));
    const before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(sub, '.imagebuilder.json')).href, type: 1 }] });
    await expect.poll(() => client.published.slice(before).find((p) => p.uri === uri)?.diagnostics.map((d) => d.code)).toContain('platform-unsupported-action');
  });
});

describe('silence and robustness', () => {
  it('publishes nothing for Buildkite, Woodpecker, Kubernetes, GitHub Actions or compose files', async () => {
    const { client } = await start({ settings: {} });
    for (const file of ['buildkite.yml', 'woodpecker.yaml', 'kubernetes.yaml', 'github-actions.yml', 'compose.yaml', 'buildspec.yml']) {
      await client.open(uriOf(file), readFileSync(join(OTHER, file), 'utf8'));
    }
    const marker = uriOf('marker.yaml');
    await client.open(marker, TYPO);
    await client.diagnostics(marker, 1);
    expect(client.published.map((p) => p.uri)).toEqual([marker]);
    const info = await client.request<{ imageBuilder: boolean }>('imagebuilder/documentInfo', { uri: uriOf('kubernetes.yaml') });
    expect(info.imageBuilder).toBe(false);
  });

  it('answers requests for unknown documents, before open and past the end, and keeps serving', async () => {
    const { client } = await start({ settings: {} });
    const unknown = uriOf('never-opened.yaml');
    expect(await client.request('textDocument/codeLens', { textDocument: { uri: unknown } })).toEqual([]);
    expect(await client.request('imagebuilder/documentInfo', { uri: unknown })).toEqual({ imageBuilder: false });
    expect(await client.request('imagebuilder/documentInfo', {})).toEqual({ imageBuilder: false });
    const uri = uriOf('robust.yaml');
    await client.open(uri, TYPO);
    // A stale version after a newer one is applied as sent; the server keeps answering.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: BASH }] });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 900, character: 0 }, end: { line: 999, character: 4 } }, text: '# past the end\n' }] });
    const info = await client.request<{ imageBuilder: boolean; kind: string }>('imagebuilder/documentInfo', { uri });
    expect(info).toMatchObject({ imageBuilder: true, kind: 'component' });
    expect(client.child.exitCode).toBeNull();
  });
});

describe('code actions and lenses', () => {
  it('offers quick fixes and the dry-run / publish source actions together, without calling AWS', async () => {
    const { client, initialize } = await start({ settings: { platform: 'Linux' } });
    expect((initialize.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds).toEqual(expect.arrayContaining(['quickfix', 'source']));
    const uri = uriOf('actions.yaml');
    await client.open(uri, TYPO);
    const { diagnostics } = await client.diagnostics(uri, 1);
    const request = (only?: string[]) => client.request<Array<{ title: string; kind: string }>>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics, ...(only ? { only } : {}) },
    });
    // The light bulb: quick fixes only.
    const bulb = await request();
    expect(bulb.map((a) => a.kind)).toEqual(bulb.map(() => 'quickfix'));
    expect(bulb[0]?.title).toContain('ExecuteBash');
    // The "Source Action..." menu: dry run and publish.
    const source = await request(['source']);
    expect(source.map((a) => a.kind)).toEqual(expect.arrayContaining(['source.imagebuilder.dryRun', 'source.imagebuilder.publish']));
    const lenses = await client.request<Array<{ command: { title: string; command: string } }>>('textDocument/codeLens', { textDocument: { uri } });
    expect(lenses.map((l) => l.command.command)).toEqual(expect.arrayContaining(['imagebuilder.server.dryRun', 'imagebuilder.server.publish']));
  });
});

describe('process lifetime', () => {
  it('exits when the process named by --clientProcessId is gone, as vscode-languageclient expects', async () => {
    const parent = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    const server = spawn(process.execPath, [join(__dirname, '..', 'bin', 'imagebuilder-yaml.js'), 'lsp', '--stdio', `--clientProcessId=${parent.pid}`]);
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    await sleep(500);
    expect(server.exitCode).toBeNull();
    parent.kill();
    const code = await Promise.race([exited, sleep(8000).then(() => 'still running' as const)]);
    if (server.exitCode === null) server.kill();
    expect(code).not.toBe('still running');
  });

  it('rejects arguments no client passes with exit code 2 and a message', async () => {
    const server = spawn(process.execPath, [join(__dirname, '..', 'bin', 'imagebuilder-yaml.js'), 'lsp', '--bogus']);
    let stderr = '';
    server.stderr.on('data', (d) => (stderr += String(d)));
    const code = await new Promise<number | null>((resolve) => server.once('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toContain("--bogus");
  });
});
