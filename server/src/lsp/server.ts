/**
 * The language server: connects the editor to the pure service. It keeps the open documents
 * and their analyses (`workspace.ts`), reads settings whether the client answers
 * `workspace/configuration` or pushes `workspace/didChangeConfiguration`, re-validates when
 * `.imagebuilder.json` changes, and hands each request to one feature module (`features/`).
 * No rule logic lives here.
 */
import { fileURLToPath } from 'node:url';
import {
  createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ProposedFeatures,
  TextDocumentSyncKind, type Connection, type ServerCapabilities,
} from 'vscode-languageserver/node';
import { readSettings } from './settings';
import { Workspace } from './workspace';
import type { Feature } from './features/feature';
import { diagnosticsFeature } from './features/diagnostics';
import { documentInfoFeature } from './features/documentInfo';
import { awsFeature } from './features/aws';
import { completionFeature } from './features/completion';
import { codeActionsFeature } from './features/codeActions';
import { hoverFeature } from './features/hover';
import { definitionFeature } from './features/definition';
import { referencesFeature } from './features/references';
import { highlightFeature } from './features/highlight';
import { renameFeature } from './features/rename';
import { documentSymbolsFeature } from './features/documentSymbols';
import { foldingFeature } from './features/folding';
import { semanticTokensFeature } from './features/semanticTokens';

/** Every feature the server offers; each announces its own capabilities. */
const FEATURES: Feature[] = [
  diagnosticsFeature,
  documentInfoFeature,
  awsFeature,
  completionFeature,
  codeActionsFeature,
  hoverFeature,
  definitionFeature,
  referencesFeature,
  highlightFeature,
  renameFeature,
  documentSymbolsFeature,
  foldingFeature,
  semanticTokensFeature,
];

export const SERVER_VERSION = '0.1.0';

export function startServer(connection: Connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout)): void {
  const workspace = new Workspace();
  let pullsConfiguration = false;
  let dynamicConfiguration = false;
  let dynamicWatchers = false;
  // Settings pushed with didChangeConfiguration win until the client is asked again.
  let pushedSettings = false;

  connection.onInitialize((params) => {
    const client = params.capabilities;
    pullsConfiguration = !!client.workspace?.configuration;
    dynamicConfiguration = !!client.workspace?.didChangeConfiguration?.dynamicRegistration;
    dynamicWatchers = !!client.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    const init = (params.initializationOptions ?? {}) as { settings?: unknown; awsEnabled?: unknown };
    workspace.settings = readSettings(init.settings ?? params.initializationOptions);
    workspace.awsEnabled = init.awsEnabled !== false;
    workspace.folders = (params.workspaceFolders ?? []).map((f) => toPath(f.uri)).filter((p): p is string => !!p);
    if (workspace.folders.length === 0 && params.rootUri) {
      const root = toPath(params.rootUri);
      if (root) workspace.folders.push(root);
    }
    const capabilities: ServerCapabilities = { textDocumentSync: TextDocumentSyncKind.Incremental };
    for (const feature of FEATURES) Object.assign(capabilities, feature.capabilities(client));
    for (const feature of FEATURES) feature.register({ connection, workspace, client });
    return { capabilities, serverInfo: { name: 'imagebuilder-yaml', version: SERVER_VERSION } };
  });

  connection.onInitialized(async () => {
    if (dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'imagebuilder' });
    if (dynamicWatchers) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.imagebuilder.json' }] });
    await refreshSettings();
    workspace.invalidate();
    // Documents opened meanwhile are published now, with the settings.
    workspace.setReady();
  });

  connection.onDidChangeConfiguration(async (change) => {
    const pushed = (change.settings as { imagebuilder?: unknown } | undefined)?.imagebuilder;
    if (pushed !== undefined) {
      workspace.settings = readSettings(pushed);
      pushedSettings = true;
    } else {
      pushedSettings = false;
      await refreshSettings();
    }
    workspace.invalidate();
    diagnosticsFeature.revalidateAll();
  });

  connection.onDidChangeWatchedFiles(() => {
    // `.imagebuilder.json` changed: platform, type and names may differ now.
    workspace.invalidate();
    diagnosticsFeature.revalidateAll();
  });

  async function refreshSettings(): Promise<void> {
    if (pushedSettings) return;
    try {
      // Neovim 0.7 answers workspace/configuration without announcing it, so the server asks
      // every client, but does not keep documents waiting long on one that never answers.
      const request = connection.workspace.getConfiguration('imagebuilder');
      const pulled = pullsConfiguration ? await request : await Promise.race([request, new Promise<undefined>((r) => setTimeout(() => r(undefined), 1000))]);
      // A client without our section answers null: keep what initializationOptions said.
      if (pulled !== null && pulled !== undefined) workspace.settings = readSettings(pulled);
    } catch {
      // A client that advertises configuration but fails to answer keeps the defaults.
    }
  }

  workspace.documents.onDidClose((event) => workspace.forget(event.document.uri));
  workspace.documents.listen(connection);
  connection.listen();
}

function toPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
