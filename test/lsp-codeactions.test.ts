/**
 * Quick fixes over real LSP stdio, on the examples: the server is started as clients start it,
 * a broken variant of an example is opened, its published diagnostics are sent back in
 * `textDocument/codeAction` as a client does, the chosen action's WorkspaceEdit is applied and
 * sent as the next version, and the diagnostics published for it are the example's own again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeActionsFeature, extraCodeActionProviders } from '../server/src/lsp/features/codeActions';
import { Workspace } from '../server/src/lsp/workspace';
import { TestClient, type Published } from './support/lspClient';

const examples = join(__dirname, '..', 'examples');
let client: TestClient;
let capabilities: Record<string, unknown>;

beforeAll(async () => {
  const started = await TestClient.start({
    rootPath: examples,
    settings: { debounceMs: 10 },
    capabilities: {
      workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, isPreferredSupport: true },
      },
    },
  });
  client = started.client;
  capabilities = started.initialize.capabilities;
});

afterAll(async () => {
  await client?.stop();
});

/** Applies a WorkspaceEdit for one document as an editor does, checking it is for the version the editor has. */
function applyEdit(uri: string, version: number, text: string, edit: WorkspaceEdit): string {
  let edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if (!('textDocument' in change)) throw new Error('unexpected resource operation');
    expect(change.textDocument).toEqual({ uri, version });
    edits.push(...(change.edits as TextEdit[]));
  }
  if (edit.changes) edits = [...edits, ...(edit.changes[uri] ?? [])];
  expect(edits.length).toBeGreaterThan(0);
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', version, text), edits);
}

const withoutData = (p: Published) => p.diagnostics.map(({ code, range, message }) => ({ code, range, message }));

interface Case {
  name: string;
  example: string;
  /** Breaks the example: [what is written there, what the broken variant writes]. */
  breaks: [string, string];
  code: string;
  title: string;
}

const CASES: Case[] = [
  { name: 'misspelt action module', example: 'components/hello-linux.yaml', breaks: ['action: WebDownload', 'action: WebDownlaod'], code: 'unknown-action', title: 'Change to `WebDownload`' },
  { name: 'unquoted reference', example: 'components/hello-linux.yaml', breaks: ["- path: '{{ ConfigDir }}'\n", '- path: {{ ConfigDir }}\n'], code: 'unquoted-reference', title: 'Put the reference in quotes' },
  { name: 'misspelt context variable in a block scalar', example: 'components/hello-linux.yaml', breaks: ['region={{ context:region }}', 'region={{ context:regon }}'], code: 'unknown-context-key', title: 'Change to `{{ context:region }}`' },
  { name: 'misspelt step output', example: 'workflows/build.yaml', breaks: ['timeoutSeconds: 600\n    inputs:\n      instanceId.$: $.stepOutputs.LaunchBuildInstance.instanceId', 'timeoutSeconds: 600\n    inputs:\n      instanceId.$: $.stepOutputs.LaunchBuildInstanc.instanceId'], code: 'invalid-step-output', title: 'Change to `$.stepOutputs.LaunchBuildInstance.instanceId`' },
  { name: 'yes for a boolean', example: 'workflows/build.yaml', breaks: ['waitForTermination: true', 'waitForTermination: yes'], code: 'invalid-input-value', title: 'Change to `true`' },
  { name: 'JSONPath on a key without .$', example: 'workflows/build.yaml', breaks: ['lambdaFunctionName.$: $.parameters.approvalFunction', 'lambdaFunctionName: $.parameters.approvalFunction'], code: 'jsonpath-without-suffix', title: 'Add `.$`: `lambdaFunctionName.$`' },
  { name: 'misspelt parameter', example: 'workflows/build.yaml', breaks: ['value: $.parameters.waitForApproval\n    inputs', 'value: $.parameters.waitForAproval\n    inputs'], code: 'undefined-parameter', title: 'Change to `$.parameters.waitForApproval`' },
];

let serial = 0;

describe('quick fixes over LSP stdio', () => {
  it('announces quick fixes', () => {
    expect(capabilities.codeActionProvider).toMatchObject({ codeActionKinds: expect.arrayContaining(['quickfix']) });
  });

  for (const testCase of CASES) {
    it(`${testCase.name} (${testCase.example}): ${testCase.title}`, async () => {
      const original = readFileSync(join(examples, testCase.example), 'utf8');
      expect(original).toContain(testCase.breaks[0]);
      const broken = original.replace(testCase.breaks[0], testCase.breaks[1]);
      // The example's own folder, so its project metadata applies; a name of its own per case.
      const uri = pathToFileURL(join(examples, testCase.example.replace(/\.yaml$/, `.qf${++serial}.yaml`))).href;

      await client.open(uri, original);
      const baseline = await client.diagnostics(uri, 1);
      await client.close(uri);
      const brokenUri = `${uri.replace(/\.yaml$/, '')}-broken.yaml`;
      await client.open(brokenUri, broken);
      const published = await client.diagnostics(brokenUri, 1);
      const target = published.diagnostics.find((d) => d.code === testCase.code);
      expect(target, JSON.stringify(published.diagnostics.map((d) => d.code))).toBeDefined();

      // As a client does: the diagnostics at the cursor's range, as they were published.
      const atRange = published.diagnostics.filter((d) => d.range.start.line <= target!.range.start.line && d.range.end.line >= target!.range.start.line);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: brokenUri }, range: target!.range, context: { diagnostics: atRange, triggerKind: 1 },
      });
      const action = actions.find((a) => a.title === testCase.title);
      expect(action, JSON.stringify(actions.map((a) => a.title))).toBeDefined();
      expect(action!.kind).toBe('quickfix');
      expect(action!.isPreferred).toBe(true);
      expect(action!.diagnostics).toEqual([target]);

      const fixed = applyEdit(brokenUri, 1, broken, action!.edit!);
      expect(fixed).toBe(original);
      const version = await client.change(brokenUri, fixed);
      expect(withoutData(await client.diagnostics(brokenUri, version))).toEqual(withoutData(baseline));
      await client.close(brokenUri);
    });
  }

  it('adds missing inputs where the client sends no diagnostics at all', async () => {
    const original = readFileSync(join(examples, 'components/hello-linux.yaml'), 'utf8');
    const broken = original.replace('            destination: /usr/local/bin/jq\n', '');
    const uri = pathToFileURL(join(examples, 'components', 'hello-linux.missing.yaml')).href;
    await client.open(uri, broken);
    const published = await client.diagnostics(uri, 1);
    const target = published.diagnostics.find((d) => d.code === 'missing-input')!;
    expect(target).toBeDefined();
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: target.range, context: { diagnostics: [] } });
    const action = actions.find((a) => a.title === 'Add the missing input `destination`')!;
    expect(action).toBeDefined();
    const fixed = applyEdit(uri, 1, broken, action.edit!);
    expect(fixed).toContain("        inputs:\n          - destination: ''\n            source: 'https://github.com/jqlang/jq/");
    const version = await client.change(uri, fixed);
    const after = await client.diagnostics(uri, version);
    expect(after.diagnostics.filter((d) => d.code === 'missing-input' || d.severity === 1)).toEqual([]);
    await client.close(uri);
  });

  it('answers bad requests with nothing and keeps serving', async () => {
    const unknown = pathToFileURL(join(examples, 'never-opened.yaml')).href;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    expect(await client.request('textDocument/codeAction', { textDocument: { uri: unknown }, range, context: { diagnostics: [] } })).toEqual([]);
    const kubernetes = pathToFileURL(join(examples, 'deployment.yaml')).href;
    await client.open(kubernetes, 'apiVersion: apps/v1\nkind: Deployment\n');
    expect(await client.request('textDocument/codeAction', { textDocument: { uri: kubernetes }, range, context: { diagnostics: [{ range, code: 'unknown-action', message: 'x', data: { action: 'apps/v1', replacement: 'LaunchInstance' } }] } })).toEqual([]);
    await client.close(kubernetes);
    const uri = pathToFileURL(join(examples, 'workflows', 'build.bad.yaml')).href;
    await client.open(uri, readFileSync(join(examples, 'workflows/build.yaml'), 'utf8'));
    for (const params of [{ textDocument: { uri } }, { textDocument: { uri }, range: 'everything', context: null }, { textDocument: { uri }, range, context: { diagnostics: 'all', only: 7 } }]) {
      const answer = await client.request<unknown>('textDocument/codeAction', params).catch((error: Error) => error);
      expect(Array.isArray(answer) ? answer : []).toEqual([]);
    }
    // Still alive and answering.
    expect(await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } })).toEqual([]);
    await client.close(uri);
  });
});

describe('the code-action handler in process', () => {
  /** A connection that only records the handlers a feature registers. */
  function fakeConnection(): { connection: never; handlers: Map<string, (...args: unknown[]) => unknown> } {
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    const connection = new Proxy({}, {
      get: (_target, name) => (typeof name === 'string' && name.startsWith('on') ? (handler: (...args: unknown[]) => unknown) => {
        handlers.set(name, handler);
        return { dispose: () => undefined };
      } : () => undefined),
    });
    return { connection: connection as never, handlers };
  }

  it('appends the actions of extra providers, and survives one that throws', () => {
    const workspace = new Workspace();
    const { connection, handlers } = fakeConnection();
    workspace.documents.listen(connection);
    codeActionsFeature.register({ connection, workspace, client: {} });
    const uri = 'untitled:broken.yaml';
    const text = readFileSync(join(examples, 'components/hello-linux.yaml'), 'utf8').replace('action: WebDownload', 'action: WebDownlaod');
    handlers.get('onDidOpenTextDocument')!({ textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const source = { title: 'Dry run', kind: 'source.imagebuilder.dryRun', command: { title: 'Dry run', command: 'imagebuilder.server.dryRun', arguments: [uri] } };
    const providers = [() => [source], () => { throw new Error('broken provider'); }];
    extraCodeActionProviders.push(...providers);
    try {
      const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };
      const range = { start: { line: 21, character: 16 }, end: { line: 21, character: 16 } };
      const answer = handlers.get('onCodeAction')!({ textDocument: { uri }, range, context: { diagnostics: [] } }, token) as CodeAction[];
      expect(answer.map((a) => a.title)).toEqual(['Change to `WebDownload`', 'Dry run']);
      // Without a versioned-edit capability the edit is a plain `changes` map.
      expect(Object.keys(answer[0].edit!.changes!)).toEqual([uri]);
    } finally {
      extraCodeActionProviders.splice(extraCodeActionProviders.length - providers.length, providers.length);
    }
  });
});
