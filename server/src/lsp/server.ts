/**
 * The language server: an adapter that keeps open documents, validates them with the service
 * (debounced, newest version only) and publishes diagnostics. No rule logic lives here.
 */
import { fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MetadataStore } from '../project/metadata';
import { readDirectives } from '../service/directives';
import { parse } from '../service/parse';
import { detectKind, validateParsed } from '../service/validate';
import type { Platform, ValidateOptions, WorkflowType } from '../service/types';
import { toLspDiagnostic } from './convert';

/** Editor settings, section `imagebuilder`. */
export interface Settings {
  platform?: Platform;
  workflowType?: WorkflowType;
  /** Milliseconds to wait after the last edit before validating. */
  debounceMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 150;

export function startServer(connection: Connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout)): void {
  const documents = new TextDocuments(TextDocument);
  const timers = new Map<string, NodeJS.Timeout>();
  let settings: Settings = {};
  let pullsConfiguration = false;

  connection.onInitialize((params) => {
    pullsConfiguration = !!params.capabilities.workspace?.configuration;
    settings = readSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings ?? params.initializationOptions);
    return {
      capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
      serverInfo: { name: 'imagebuilder-yaml', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    await refreshSettings();
  });

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as { imagebuilder?: unknown } | undefined)?.imagebuilder;
    if (pushed !== undefined) settings = readSettings(pushed);
    else await refreshSettings();
    for (const document of documents.all()) schedule(document, 0);
  });

  async function refreshSettings(): Promise<void> {
    if (!pullsConfiguration) return;
    try {
      settings = readSettings(await connection.workspace.getConfiguration('imagebuilder'));
    } catch {
      // A client that advertises configuration but fails to answer keeps the defaults.
    }
  }

  function schedule(document: TextDocument, delay = settings.debounceMs ?? DEFAULT_DEBOUNCE_MS): void {
    clearTimeout(timers.get(document.uri));
    timers.set(document.uri, setTimeout(() => {
      timers.delete(document.uri);
      publish(document.uri, document.version);
    }, delay));
  }

  function publish(uri: string, version: number): void {
    const document = documents.get(uri);
    // A newer edit has its own timer; an older result is never published over it.
    if (!document || document.version !== version) return;
    const text = document.getText();
    const parsed = parse(text);
    const options = optionsFor(uri, settings);
    if (!isImageBuilderDocument(parsed.value, text, parsed, options)) {
      void connection.sendDiagnostics({ uri, version, diagnostics: [] });
      return;
    }
    const result = validateParsed(parsed, options);
    void connection.sendDiagnostics({ uri, version, diagnostics: result.diagnostics.map(toLspDiagnostic) });
  }

  documents.onDidOpen((event) => schedule(event.document, 0));
  documents.onDidChangeContent((event) => schedule(event.document));
  documents.onDidClose((event) => {
    clearTimeout(timers.get(event.document.uri));
    timers.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}

/** Settings, then project metadata: what the document text cannot say about itself. */
function optionsFor(uri: string, settings: Settings): ValidateOptions {
  const options: ValidateOptions = { platform: settings.platform, workflowType: settings.workflowType };
  if (!uri.startsWith('file:')) return options;
  const path = fileURLToPath(uri);
  // Read fresh each time: the file is small and may have just been edited.
  const { metadata } = new MetadataStore().lookup(path);
  return {
    kind: metadata?.kind,
    platform: settings.platform ?? metadata?.platform,
    workflowType: settings.workflowType ?? metadata?.type,
    supportedOsVersions: metadata?.supportedOsVersions,
    fileName: path.split(/[\\/]/).pop(),
  };
}

/**
 * Editors send every YAML file; only Image Builder documents get diagnostics: a root `phases`
 * or `steps` key, a `# imagebuilder:` directive, or an entry in the project metadata.
 */
function isImageBuilderDocument(value: unknown, text: string, parsed: ReturnType<typeof parse>, options: ValidateOptions): boolean {
  if (options.kind || detectKind(value) !== 'unknown') return true;
  const directives = readDirectives(text, parsed.lines);
  return directives.kind !== undefined || directives.platform !== undefined || directives.workflowType !== undefined || directives.diagnostics.length > 0;
}

function readSettings(raw: unknown): Settings {
  const source = (raw ?? {}) as Record<string, unknown>;
  const settings: Settings = {};
  if (source.platform === 'Linux' || source.platform === 'Windows' || source.platform === 'macOS') settings.platform = source.platform;
  if (source.workflowType === 'BUILD' || source.workflowType === 'TEST' || source.workflowType === 'DISTRIBUTION') settings.workflowType = source.workflowType;
  if (typeof source.debounceMs === 'number' && source.debounceMs >= 0) settings.debounceMs = source.debounceMs;
  return settings;
}
