/**
 * The VS Code extension: starts the language server and adds what only an editor can: commands
 * that gather input, the status bar, notifications, the log, and the bridge to the YAML
 * extension. No validation logic lives here; the server decides and reports.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { awsCommandMiddleware } from './awsCommands';
import { registerCommands } from './commands';
import { DocumentInfoSource, type DocumentInfo } from './documentInfo';
import { createLanguageClient } from './languageClient';
import { showServerProgress } from './serverProgress';
import { StatusBar } from './statusBar';
import { Ui, type Shown } from './ui';
import { bridgeToYamlExtension, withoutYamlExtensionDuplicates } from './yamlExtension';

/** What the extension exports to other extensions (and the tests). */
export interface ImageBuilderApi {
  /** The latest notifications and progress titles shown, oldest first. */
  readonly notifications: readonly Shown[];
  /** What the server knows about a document. */
  documentInfo(uri: vscode.Uri): Promise<DocumentInfo>;
  /** The status bar text for the active editor, or undefined when hidden. */
  statusBarText(): string | undefined;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<ImageBuilderApi> {
  const log = vscode.window.createOutputChannel('EC2 Image Builder', { log: true });
  const ui = new Ui(log);
  client = createLanguageClient(context, log, {
    ...withoutYamlExtensionDuplicates,
    executeCommand: awsCommandMiddleware(ui),
  });
  const info = new DocumentInfoSource(client, log);
  const statusBar = new StatusBar(info);
  context.subscriptions.push(
    log,
    info,
    statusBar,
    ...registerCommands({ ui, log, info }),
    bridgeToYamlExtension(info, log),
    // The server learns whether it may call AWS when it starts.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.restart()),
    { dispose: () => void client?.stop() },
  );
  log.info(`Starting the language server (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'not trusted: AWS commands disabled'}).`);
  await client.start();
  context.subscriptions.push(showServerProgress(client, ui));
  vscode.workspace.textDocuments.forEach((document) => info.refresh(document.uri));
  return { notifications: ui.shown, documentInfo: (uri) => info.get(uri), statusBarText: () => statusBar.text };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
