/**
 * The Image Builder commands through the real language server, as editors run it
 * (`node dist/cli.js lsp --stdio --clientProcessId=N`), driven over stdio with vscode-jsonrpc:
 * code lenses, dry run, publish with its confirmation, versions, DistributeImage, RetryImage,
 * progress, cancellation, service complaints as diagnostics, and an untrusted workspace.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeImagebuilder } from './support/fakeImagebuilder';
import { TEST_SECRET, fakeAwsEnv } from './support/awsEnv';
import { COMPONENT, workflow } from './support/awsDocuments';

const root = join(__dirname, '..');

interface Result { ok: boolean; errorName?: string; message: string; version?: string; arn?: string; latestVersionReferences?: Record<string, string>; [key: string]: unknown }
interface Published { uri: string; version?: number; diagnostics: Array<{ code: string; message: string; range: { start: { line: number; character: number } } }> }

class Client {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  readonly messages: Array<{ type: number; message: string }> = [];
  readonly logs: string[] = [];
  readonly progress: Array<{ token: string; value: { kind: string; title?: string; cancellable?: boolean } }> = [];
  readonly progressTokens: string[] = [];
  readonly confirmations: string[] = [];
  readonly diagnostics: Published[] = [];
  answer: 'Publish' | 'Cancel' | undefined = 'Publish';
  settings: Record<string, unknown> = { debounceMs: 10, region: 'us-east-1' };
  private version = new Map<string, number>();

  constructor(env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), 'lsp', '--stdio', `--clientProcessId=${process.pid}`], { env });
    this.child.stderr.on('data', (d) => this.logs.push(`stderr: ${d}`));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('window/showMessage', (p: { type: number; message: string }) => void this.messages.push(p));
    this.connection.onNotification('window/logMessage', (p: { message: string }) => void this.logs.push(p.message));
    this.connection.onNotification('$/progress', (p: Client['progress'][number]) => void this.progress.push(p));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => void this.diagnostics.push(p));
    this.connection.onRequest('window/workDoneProgress/create', (p: { token: string }) => {
      this.progressTokens.push(p.token);
      return null;
    });
    this.connection.onRequest('window/showMessageRequest', (p: { message: string; actions: Array<{ title: string }> }) => {
      this.confirmations.push(p.message);
      return this.answer ? p.actions.find((a) => a.title === this.answer) ?? null : null;
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(folder: string, initializationOptions?: unknown): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      initializationOptions,
      capabilities: { window: { workDoneProgress: true, showMessage: {} }, workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true }, codeLens: {} } },
    }) as { capabilities: Record<string, unknown> };
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(path: string, text: string): Promise<string> {
    const uri = pathToFileURL(path).href;
    this.version.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return uri;
  }

  async change(uri: string, text: string): Promise<void> {
    const version = (this.version.get(uri) ?? 1) + 1;
    this.version.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  execute(command: string, args: unknown[], token?: CancellationTokenSource['token']): Promise<Result> {
    const params = { command, arguments: args };
    // vscode-jsonrpc counts an undefined token as a second positional parameter.
    return (token ? this.connection.sendRequest('workspace/executeCommand', params, token) : this.connection.sendRequest('workspace/executeCommand', params)) as Promise<Result>;
  }

  async waitFor<T>(find: () => T | undefined, what: string, ms = 10000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    this.connection.dispose();
    this.child.kill();
    // Nothing the server said carried the secret key.
    expect([...this.logs, ...this.messages.map((m) => m.message)].join('\n')).not.toContain(TEST_SECRET);
  }
}

let fake: FakeImagebuilder;
let dir: string;
let client: Client;
let n = 0;

beforeAll(async () => {
  fake = await new FakeImagebuilder().start();
  dir = mkdtempSync(join(tmpdir(), 'ib-awslsp-'));
  client = new Client(fakeAwsEnv(fake.url, { AWS_REGION: undefined }));
  const init = await client.initialize(dir);
  expect(init.capabilities.executeCommandProvider).toEqual({ commands: ['imagebuilder.server.dryRun', 'imagebuilder.server.publish', 'imagebuilder.server.versions', 'imagebuilder.server.distributeImage', 'imagebuilder.server.retryImage'] });
  expect(init.capabilities.codeLensProvider).toBeDefined();
});
afterAll(async () => {
  await client.close();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.clearFaults();
  client.answer = 'Publish';
});

function project(file: string, text: string, entry?: Record<string, unknown>): string {
  const folder = join(dir, `p${n++}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, file), text);
  if (entry) writeFileSync(join(folder, '.imagebuilder.json'), JSON.stringify({ documents: { [file]: entry } }, null, 2));
  return join(folder, file);
}
const name = () => `lsp-${n++}-${Date.now().toString(36)}`;

describe('code lenses', () => {
  it('offer Dry run and Publish with the next version from the metadata, without any request', async () => {
    const path = project('hello.yaml', COMPONENT, { name: 'hello', platform: 'Linux', version: '1.4.2' });
    const uri = await client.open(path, COMPONENT);
    const before = fake.count();
    const lenses = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Array<{ range: unknown; command: { title: string; command: string; arguments: unknown[] } }>;
    expect(lenses.map((l) => [l.command.title, l.command.command, l.command.arguments])).toEqual([
      ['Dry run', 'imagebuilder.server.dryRun', [uri]],
      ['Publish 1.4.3', 'imagebuilder.server.publish', [uri, {}]],
      ['Versions', 'imagebuilder.server.versions', [uri]],
    ]);
    expect(lenses[0].range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const plain = await client.open(join(dir, 'other.yaml'), 'hello: world\n');
    expect(await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: plain } })).toEqual([]);
    expect(fake.count()).toBe(before);
  });
});

describe('commands', () => {
  it('dry run: success with progress, a message and a log line', async () => {
    const id = name();
    const uri = await client.open(project('hello.yaml', COMPONENT, { name: id, platform: 'Linux' }), COMPONENT);
    const before = fake.requests.length;
    const progressBefore = client.progress.length;
    const result = await client.execute('imagebuilder.server.dryRun', [uri]);
    expect(result).toMatchObject({ ok: true, version: '1.0.0', kind: 'component', name: id });
    expect(result.message).toMatch(/Dry run passed/);
    expect(fake.requests.slice(before).map((r) => [r.operation, r.body.dryRun])).toEqual([['CreateComponent', true]]);
    const kinds = client.progress.slice(progressBefore).map((p) => p.value.kind);
    expect(kinds[0]).toBe('begin');
    expect(kinds.at(-1)).toBe('end');
    expect(client.progress.slice(progressBefore)[0].value).toMatchObject({ title: 'Image Builder dry run', cancellable: true });
    await client.waitFor(() => client.messages.find((m) => m.message === result.message), 'the result message');
    await client.waitFor(() => client.logs.find((l) => l.includes(result.message)), 'the log line');
  });

  it('refuses a document with lint errors (nothing sent); forced, shows the service complaint at the step', async () => {
    const id = name();
    const text = workflow('DistributeImage');
    const uri = await client.open(project('build.yaml', text, { name: id, type: 'BUILD' }), text);
    const before = fake.count();
    const refused = await client.execute('imagebuilder.server.dryRun', [uri]);
    expect(refused).toMatchObject({ ok: false, errorName: 'LintErrors' });
    expect(fake.count()).toBe(before);
    const forced = await client.execute('imagebuilder.server.dryRun', [uri, { force: true }]);
    expect(forced).toMatchObject({ ok: false, errorName: 'InvalidRequestException' });
    expect(forced.message).toMatch(/Step 'Act' uses action 'DistributeImage'/);
    const published = await client.waitFor(() => client.diagnostics.find((d) => d.uri === uri && d.diagnostics.some((x) => x.code === 'image-builder-service')), 'the service diagnostic');
    const service = published.diagnostics.find((x) => x.code === 'image-builder-service')!;
    expect(service.range.start).toEqual({ line: 5, character: 10 });
    expect(service.message).toMatch(/^Image Builder: InvalidRequestException: Step 'Act'/);
  });

  it('publish: asks for confirmation with name, version, profile or account and Region, then publishes and records', async () => {
    const id = name();
    fake.seed('component', id, '1.9.7');
    fake.seed('component', id, '1.10.0');
    const path = project('hello.yaml', COMPONENT, { name: id, platform: 'Linux' });
    const uri = await client.open(path, COMPONENT);
    const result = await client.execute('imagebuilder.server.publish', [uri, { bump: 'minor' }]);
    expect(result).toMatchObject({ ok: true, version: '1.11.0', arn: `arn:aws:imagebuilder:us-east-1:111122223333:component/${id}/1.11.0/1` });
    expect(Object.keys(result.latestVersionReferences ?? {})).toEqual(['latestVersionArn', 'latestMajorVersionArn', 'latestMinorVersionArn', 'latestPatchVersionArn']);
    expect(client.confirmations.at(-1)).toBe(`Publish component '${id}' (Linux) version 1.11.0 to profile default (account not known before sending) in us-east-1?`);
    const metadata = JSON.parse(readFileSync(join(path, '..', '.imagebuilder.json'), 'utf8')).documents['hello.yaml'];
    expect(metadata).toMatchObject({ version: '1.11.0', arn: result.arn });
    // The lens now says it is unchanged; a publish of the same text sends nothing.
    const lenses = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as Array<{ command: { title: string } }>;
    expect(lenses[1].command.title).toBe('Published 1.11.0 (unchanged)');
    const before = fake.count();
    expect(await client.execute('imagebuilder.server.publish', [uri, {}])).toMatchObject({ ok: true, unchanged: true, version: '1.11.0' });
    expect(fake.count()).toBe(before);
    // Unsaved changes are not published: the record must describe the file on disk.
    await client.change(uri, `${COMPONENT}# more\n`);
    expect(await client.execute('imagebuilder.server.publish', [uri, {}])).toMatchObject({ ok: false, errorName: 'UnsavedChanges' });
    writeFileSync(path, `${COMPONENT}# more\n`);
    // Declined: nothing is created.
    client.answer = 'Cancel';
    const creates = fake.count('CreateComponent');
    expect(await client.execute('imagebuilder.server.publish', [uri, {}])).toMatchObject({ ok: false, errorName: 'Cancelled' });
    expect(fake.count('CreateComponent')).toBe(creates);
    expect(client.confirmations.at(-1)).toContain('version 1.11.1');
  });

  it('publishes workflows of every type, with the exact --version a client asks for', async () => {
    // The examples are lint-clean workflows of each type.
    for (const [type, file] of [['BUILD', 'build.yaml'], ['TEST', 'test.yaml'], ['DISTRIBUTION', 'distribution.yaml']]) {
      const id = name();
      const text = readFileSync(join(root, 'examples', 'workflows', file), 'utf8');
      const uri = await client.open(project('wf.yaml', text, { name: id, type }), text);
      const result = await client.execute('imagebuilder.server.publish', [uri, { version: '3.1.4' }]);
      expect(result).toMatchObject({ ok: true, version: '3.1.4', arn: `arn:aws:imagebuilder:us-east-1:111122223333:workflow/${type.toLowerCase()}/${id}/3.1.4/1` });
      expect(client.confirmations.at(-1)).toContain(`${type} workflow '${id}' version 3.1.4`);
      expect(await client.execute('imagebuilder.server.publish', [uri, { version: '3.1.4', force: true }])).toMatchObject({ ok: false, errorName: 'VersionExists' });
    }
  });

  it('versions: lists what exists and the next version', async () => {
    const id = name();
    for (const v of ['1.2.3', '1.10.0', '1.9.7']) fake.seed('component', id, v);
    const uri = await client.open(project('hello.yaml', COMPONENT, { name: id, platform: 'Linux' }), COMPONENT);
    const result = await client.execute('imagebuilder.server.versions', [uri]);
    expect(result).toMatchObject({ ok: true, next: '1.10.1' });
    expect((result.versions as Array<{ version: string }>).map((v) => v.version)).toEqual(['1.2.3', '1.9.7', '1.10.0']);
  });

  it('is cancelled through the request, and through the progress, without creating anything', async () => {
    const id = name();
    const uri = await client.open(project('hello.yaml', COMPONENT, { name: id, platform: 'Linux' }), COMPONENT);
    fake.fault('ListComponents', { kind: 'delay', ms: 4000 });
    const source = new CancellationTokenSource();
    const started = Date.now();
    const pending = client.execute('imagebuilder.server.publish', [uri, {}], source.token).then((r) => r, (e: { code?: number }) => ({ ok: false, errorName: `ResponseError ${e.code}`, message: '' }));
    setTimeout(() => source.cancel(), 300);
    const result = await pending;
    expect(['Cancelled', 'ResponseError -32800']).toContain(result.errorName);
    expect(Date.now() - started).toBeLessThan(3500);
    // Through window/workDoneProgress/cancel, as VS Code's progress notification does.
    fake.fault('ListComponents', { kind: 'delay', ms: 4000 });
    const tokens = client.progressTokens.length;
    const second = client.execute('imagebuilder.server.publish', [uri, {}]);
    const token = await client.waitFor(() => client.progressTokens[tokens], 'a progress token');
    await new Promise((r) => setTimeout(r, 200));
    await client.connection.sendNotification('window/workDoneProgress/cancel', { token });
    expect(await second).toMatchObject({ ok: false, errorName: 'Cancelled' });
    expect(fake.builds('component', id)).toEqual([]);
  });

  it('DistributeImage and RetryImage', async () => {
    const dc = 'arn:aws:imagebuilder:us-east-1:111122223333:distribution-configuration/lsp-dc';
    fake.distributionConfigurations.add(dc);
    const distributed = await client.execute('imagebuilder.server.distributeImage', [{ sourceImage: 'ami-0123456789abcdef0', distributionConfigurationArn: dc, executionRole: 'Role', tags: { a: 'b' }, logGroup: 'lg' }]);
    expect(distributed).toMatchObject({ ok: true, imageBuildVersionArn: expect.stringMatching(/:image\/distribute-ami-0123456789abcdef0\/1\.0\.0\/\d+$/) });
    const arn = 'arn:aws:imagebuilder:us-east-1:111122223333:image/lsp/1.0.0/1';
    fake.images.set(arn, 'FAILED');
    expect(await client.execute('imagebuilder.server.retryImage', [arn])).toMatchObject({ ok: true, imageBuildVersionArn: arn });
    expect(await client.execute('imagebuilder.server.retryImage', ['nonsense'])).toMatchObject({ ok: false, errorName: 'InvalidArgument' });
    expect(await client.execute('imagebuilder.server.distributeImage', [{}])).toMatchObject({ ok: false, errorName: 'InvalidArguments' });
  });

  it('reports missing credentials from a profile in the settings, quickly and without a request', async () => {
    const uri = await client.open(project('hello.yaml', COMPONENT, { name: name(), platform: 'Linux' }), COMPONENT);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { imagebuilder: { ...client.settings, profile: 'absent-profile' } } });
    const before = fake.count();
    try {
      const result = await client.execute('imagebuilder.server.dryRun', [uri]);
      expect(result).toMatchObject({ ok: false, errorName: 'NoCredentials' });
      expect(result.message).toContain("profile 'absent-profile'");
      expect(fake.count()).toBe(before);
    } finally {
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { imagebuilder: client.settings } });
    }
  });
});

describe('an untrusted workspace', () => {
  it('refuses every AWS command with an explanation', async () => {
    const untrusted = new Client(fakeAwsEnv(fake.url));
    try {
      await untrusted.initialize(dir, { awsEnabled: false });
      const uri = await untrusted.open(project('hello.yaml', COMPONENT, { name: name(), platform: 'Linux' }), COMPONENT);
      const before = fake.count();
      const result = await untrusted.execute('imagebuilder.server.publish', [uri, {}]);
      expect(result).toMatchObject({ ok: false, errorName: 'WorkspaceUntrusted' });
      expect(result.message).toMatch(/untrusted workspace/);
      expect(untrusted.confirmations).toEqual([]);
      expect(fake.count()).toBe(before);
    } finally {
      await untrusted.close();
    }
  });
});
