/**
 * The language server benchmark (`npm run bench:lsp`; not a test): imagebuilder-yaml and
 * yaml-language-server 1.25 side by side, over LSP stdio, on the same generated component
 * documents, yaml-language-server validating them against our `schemas/component.schema.json`.
 *
 * Per size (100, 1,000, 2,000, 10,000 lines): open→diagnostics, keystroke→diagnostics (one
 * incremental change, until the diagnostics of that version), completion and hover latency at
 * three places (an action value, a step key, a `{{ }}` reference), as p50 / p95. Also start-up
 * (spawn → initialize answered and `initialized` sent) and the resident memory (VmRSS) of the
 * server process after opening 100 documents of 1,000 lines. Our server runs twice, with
 * `imagebuilder.debounceMs` 0 and the default 150; yaml-language-server's validation waits a
 * fixed 200 ms, shown as measured and with those 200 ms taken off.
 *
 *   RUNS=5 KEYSTROKES=4 SIZES=100,1000,2000,10000 DOCS=100 npm run bench:lsp
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { componentOfLines } from './generate';

const ROOT = join(__dirname, '..');
const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const RUNS = Number(env('RUNS', '5'));
const KEYSTROKES = Number(env('KEYSTROKES', '4'));
const SIZES = env('SIZES', '100,1000,2000,10000').split(',').map(Number);
const DOCS = Number(env('DOCS', '100'));
const STARTS = Number(env('STARTS', '5'));
const YLS_DEBOUNCE_MS = 200; // yaml-language-server 1.25 yamlSettings.js validationDelayMs, not a setting
const TIMEOUT_MS = 60000;

interface Server {
  label: string;
  command: string[];
  settings: Record<string, unknown>;
  /** Subtracted from the diagnostics figures in a second column. */
  fixedDelayMs?: number;
}

const schemaUri = pathToFileURL(join(ROOT, 'schemas', 'component.schema.json')).href;
// Documents are only opened, never written. Not under a dot folder: yaml-language-server's
// schema globs do not match paths with one (it then validates nothing, silently).
const folder = join(tmpdir(), 'ib-bench-lsp');
const SERVERS: Server[] = [
  ...[0, 150].map((debounceMs) => ({
    label: `imagebuilder-yaml, debounce ${debounceMs}`,
    // As vscode-languageclient starts it.
    command: [process.execPath, join(ROOT, 'dist', 'cli.js'), 'lsp', '--stdio', `--clientProcessId=${process.pid}`],
    settings: { imagebuilder: { platform: 'Linux', debounceMs } },
  })),
  {
    label: 'yaml-language-server 1.25.0',
    command: [process.execPath, join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
    settings: { yaml: { validate: true, completion: true, hover: true, schemaStore: { enable: false }, schemas: { [schemaUri]: 'bench-*.yaml' } } },
    fixedDelayMs: YLS_DEBOUNCE_MS,
  },
];

interface Diagnostics { uri: string; version?: number; diagnostics: unknown[] }

class Session {
  readonly connection: MessageConnection;
  readonly child: ChildProcess;
  capabilities: Record<string, unknown> = {};
  private waiters: Array<{ uri: string; version?: number; resolve: (d: Diagnostics) => void }> = [];

  constructor(readonly server: Server) {
    this.child = spawn(server.command[0], server.command.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: Diagnostics) => {
      const index = this.waiters.findIndex((w) => w.uri === p.uri && (w.version === undefined || p.version === undefined || p.version === w.version));
      if (index >= 0) this.waiters.splice(index, 1)[0].resolve(p);
    });
    const section = (name?: string) => (name ? name.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], server.settings) ?? null : server.settings);
    this.connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => p.items.map((item) => section(item.section)));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  /** Spawned in the constructor; resolves when the server may be used (`initialized` sent). */
  async initialize(): Promise<void> {
    const rootUri = pathToFileURL(folder).href;
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          synchronization: { dynamicRegistration: true },
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    }) as { capabilities: Record<string, unknown> };
    this.capabilities = result.capabilities;
    await this.connection.sendNotification('initialized', {});
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.server.settings });
  }

  diagnostics(uri: string, version?: number): Promise<Diagnostics> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.server.label}: no diagnostics for ${uri} v${version}`)), TIMEOUT_MS);
      this.waiters.push({ uri, version, resolve: (d) => (clearTimeout(timer), resolve(d)) });
    });
  }

  /** CPU time of the server's main thread so far, ms (schedstat: ns on the CPU). */
  cpu(): number {
    return Number(readFileSync(`/proc/${this.child.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  }

  rss(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch { /* already gone */ }
    this.connection.dispose();
    setTimeout(() => this.child.kill(), 500).unref();
  }
}

const now = () => performance.now();
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

type Figures = Map<string, number[] | undefined>; // measure -> samples (undefined: not offered)

let documentCount = 0;
const nextUri = () => pathToFileURL(join(folder, `bench-${documentCount++}.yaml`)).href;

/** Where completion and hover are asked: an action value, a step key, a `{{ }}` reference. */
function probes(text: string): Array<{ line: number; character: number }> {
  const lines = text.split('\n');
  const last = (prefix: string) => lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith(prefix)).at(-1)![1];
  const actionLine = last('        action: S3Download');
  const keyLine = last('        maxAttempts:');
  const refLine = last("          - source: 's3://{{ Bucket }}");
  return [
    { line: actionLine, character: '        action: S3Do'.length },
    { line: keyLine, character: '        maxAt'.length },
    { line: refLine, character: lines[refLine].indexOf('Bucket') + 2 },
  ];
}

const add = (figures: Figures, key: string, value: number) => figures.set(key, [...(figures.get(key) ?? []), value]);

/** Wall-clock latency of `operation`, and the server's CPU time for it under `cpu:<key>`. */
async function timed(session: Session, figures: Figures, key: string, operation: () => Promise<unknown>): Promise<void> {
  const cpu = session.cpu();
  const start = now();
  await operation();
  add(figures, key, now() - start);
  add(figures, `cpu:${key}`, session.cpu() - cpu);
}

/** One document: open, keystrokes, then completion and hover where the server offers them. */
async function measureDocument(session: Session, text: string, lines: number, figures: Figures): Promise<void> {
  const uri = nextUri();
  await timed(session, figures, `open→diagnostics|${lines}`, () => {
    const published = session.diagnostics(uri, 1);
    void session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return published;
  });
  // Keystrokes at the end of the description: type a character, then delete it.
  const at = { line: 1, character: text.split('\n')[1].length };
  for (let k = 0; k < KEYSTROKES; k++) {
    const version = k + 2;
    const change = k % 2 === 0
      ? { range: { start: at, end: at }, text: 'x' }
      : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
    await timed(session, figures, `keystroke→diagnostics|${lines}`, () => {
      const published = session.diagnostics(uri, version);
      void session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      return published;
    });
  }
  for (const position of probes(text)) {
    for (const [method, capability, measure] of [['textDocument/completion', 'completionProvider', 'completion'], ['textDocument/hover', 'hoverProvider', 'hover']] as const) {
      if (!session.capabilities[capability]) continue;
      await timed(session, figures, `${measure}|${lines}`, () => session.connection.sendRequest(method, { textDocument: { uri }, position }));
    }
  }
  await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
}

const checks: string[] = [];

/** That each server really checks and answers here: a misspelt action, completion and hover. */
async function sanity(session: Session, text: string): Promise<string> {
  const uri = nextUri();
  const broken = text.replace('action: S3Download', 'action: S3Downlaod');
  const published = session.diagnostics(uri, 1);
  await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: broken } });
  const diagnostics = (await published).diagnostics.length;
  // Without the schema applied, yaml-language-server's figures would measure doing nothing.
  if (diagnostics === 0) throw new Error(`${session.server.label} reports nothing for a misspelt action: is the schema applied?`);
  const [action] = probes(text);
  const completion = session.capabilities.completionProvider
    ? await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: action }) as { items?: unknown[] } | unknown[] | null
    : undefined;
  const items = Array.isArray(completion) ? completion.length : completion?.items?.length ?? 0;
  const hover = session.capabilities.hoverProvider ? await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: action }) : undefined;
  await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return `${diagnostics} diagnostics for a misspelt action, ${completion === undefined ? 'no completion' : `${items} completion items`} and ${hover === undefined ? 'no hover' : hover ? 'a hover' : 'an empty hover'} at an action value`;
}

async function startUp(server: Server, figures: Figures): Promise<void> {
  const start = now();
  const session = new Session(server);
  await session.initialize();
  add(figures, 'start-up|', now() - start);
  await session.close();
}

/** Memory: a fresh server holding DOCS open documents of 1,000 lines (all different). */
async function memory(server: Server, figures: Figures): Promise<void> {
  const session = new Session(server);
  await session.initialize();
  const base = componentOfLines(1000);
  await Promise.all(Array.from({ length: DOCS }, (_, i) => {
    const uri = nextUri();
    const p = session.diagnostics(uri, 1);
    void session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: base.replace('bench-component', `bench-component-${i}`) } });
    return p;
  }));
  await new Promise((r) => setTimeout(r, 1000));
  figures.set('rss|', [session.rss()]);
  await session.close();
}

/**
 * The servers take turns on every document (not one server after the other), so that load from
 * elsewhere on the machine falls on all of them alike.
 */
async function measure(): Promise<Figures[]> {
  const results: Figures[] = SERVERS.map(() => new Map());
  for (let i = 0; i < STARTS; i++) for (const [s, server] of SERVERS.entries()) await startUp(server, results[s]);
  const sessions = SERVERS.map((server) => new Session(server));
  await Promise.all(sessions.map((session) => session.initialize()));
  // Warm-up: the first documents pay for loading code paths once.
  const warm = componentOfLines(200);
  for (const session of sessions) for (let i = 0; i < 3; i++) await measureDocument(session, warm, 200, new Map());
  for (const session of sessions) checks.push(`${session.server.label}: ${await sanity(session, warm)}`);
  for (const lines of SIZES) {
    process.stderr.write(`${lines} lines ...\n`);
    const text = componentOfLines(lines);
    for (let run = 0; run < RUNS; run++) for (const [s, session] of sessions.entries()) await measureDocument(session, text, lines, results[s]);
  }
  await Promise.all(sessions.map((session) => session.close()));
  for (const [s, server] of SERVERS.entries()) await memory(server, results[s]);
  return results;
}

function cell(samples: number[] | undefined, subtract = 0): string {
  if (!samples) return 'n/a';
  const f = (v: number) => (v - subtract < 10 ? (v - subtract).toFixed(1) : (v - subtract).toFixed(0));
  return `${f(percentile(samples, 50))} / ${f(percentile(samples, 95))}`;
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0];
  const results = await measure();
  const yls = SERVERS.length - 1;
  const labels = SERVERS.map((s) => s.label);
  const header = (columns: string[]) => [`| measure | lines | ${columns.join(' | ')} |`, `| --- | --- | ${columns.map(() => '---').join(' | ')} |`];
  const latency = header([...labels, `${labels[yls]} − ${YLS_DEBOUNCE_MS} ms debounce`]);
  const cpu = header(labels);
  const row = (table: string[], measure: string, lines: string, cells: string[]) => table.push(`| ${measure} | ${lines} | ${cells.join(' | ')} |`);
  row(latency, 'start-up (spawn → initialized)', '', [...results.map((r) => cell(r.get('start-up|'))), '']);
  for (const measure of ['open→diagnostics', 'keystroke→diagnostics', 'completion', 'hover']) {
    for (const lines of SIZES) {
      const key = `${measure}|${lines}`;
      const size = lines.toLocaleString('en-US');
      const debounced = measure.endsWith('diagnostics');
      row(latency, measure, size, [...results.map((r) => cell(r.get(key))), debounced ? cell(results[yls].get(key), YLS_DEBOUNCE_MS) : '']);
      row(cpu, measure, size, results.map((r) => cell(r.get(`cpu:${key}`))));
    }
  }
  row(latency, `RSS after opening ${DOCS} × 1,000 lines (MB)`, '', [...results.map((r) => r.get('rss|')![0].toFixed(0)), '']);
  const samples = `${RUNS} documents per size; ${KEYSTROKES} keystrokes, 3 completion and 3 hover requests per document; start-up ${STARTS} times`;
  process.stdout.write([
    `LSP over stdio, p50 / p95 in ms (${samples}); Node ${process.version}, ${cpus().length} cores, load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after.`,
    '',
    'Latency (wall clock, as the editor sees it):',
    '',
    ...latency,
    '',
    'CPU time of the server\'s main thread for the same operations (less sensitive to other load on the machine):',
    '',
    ...cpu,
    '',
    ...checks.map((check) => `- ${check}`),
    '',
  ].join('\n'));
}

main().then(() => process.exit(0), (error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
