/**
 * A small LSP client over real stdio for tests: starts the server the way editors do
 * (`lsp --stdio --clientProcessId=<pid>`, as vscode-languageclient passes it), answers
 * `workspace/configuration` from settings the test controls, and collects published diagnostics.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: number; code: string; message: string; data?: unknown }>;
}

export interface ClientOptions {
  /** What `workspace/configuration` answers for section `imagebuilder`; `undefined`: the client does not pull. */
  settings?: Record<string, unknown>;
  /** Client capabilities merged over the defaults. */
  capabilities?: Record<string, unknown>;
  rootPath: string;
  initializationOptions?: unknown;
}

export class TestClient {
  readonly published: Published[] = [];
  readonly configurationRequests: unknown[] = [];
  private readonly waiters: Array<(p: Published) => boolean> = [];
  private versions = new Map<string, number>();
  settings: Record<string, unknown> | undefined;

  private constructor(readonly child: ChildProcessWithoutNullStreams, readonly connection: MessageConnection) {}

  static async start(options: ClientOptions): Promise<{ client: TestClient; initialize: { capabilities: Record<string, unknown>; serverInfo: { name: string } } }> {
    const child = spawn(process.execPath, [join(__dirname, '..', '..', 'bin', 'imagebuilder-yaml.js'), 'lsp', '--stdio', `--clientProcessId=${process.pid}`]);
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new TestClient(child, connection);
    client.settings = options.settings;
    connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      client.published.push(p);
      const index = client.waiters.findIndex((w) => w(p));
      if (index >= 0) client.waiters.splice(index, 1);
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
      client.configurationRequests.push(params);
      return params.items.map(() => client.settings ?? null);
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.onNotification(() => undefined);
    connection.listen();
    const capabilities = {
      workspace: { configuration: options.settings !== undefined, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: {
        publishDiagnostics: { versionSupport: true },
        completion: { completionItem: { snippetSupport: true } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
      },
      ...options.capabilities,
    };
    const initialize = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(options.rootPath).href,
      workspaceFolders: [{ uri: pathToFileURL(options.rootPath).href, name: 'ws' }],
      capabilities,
      initializationOptions: options.initializationOptions,
    }) as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
    await connection.sendNotification('initialized', {});
    return { client, initialize };
  }

  /** The next diagnostics published for `uri` (for `version`, when given) after this call or already seen. */
  diagnostics(uri: string, version?: number, timeoutMs = 10000): Promise<Published> {
    const seen = this.published.find((p) => p.uri === uri && (version === undefined || p.version === version));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), timeoutMs);
      this.waiters.push((p) => {
        if (p.uri !== uri || (version !== undefined && p.version !== version)) return false;
        clearTimeout(timer);
        resolve(p);
        return true;
      });
    });
  }

  async open(uri: string, text: string, languageId = 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
    return code;
  }
}
