/**
 * The VS Code extension: starts the language server (the same bundle as the CLI, `lsp --stdio`)
 * for YAML files and passes the `imagebuilder.*` settings on. No validation logic lives here.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/cli.js');
  const serverOptions: ServerOptions = {
    run: { module, args: ['lsp'], transport: TransportKind.stdio },
    debug: { module, args: ['lsp'], transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'yaml' }, { scheme: 'untitled', language: 'yaml' }],
    synchronize: {
      configurationSection: 'imagebuilder',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.imagebuilder.json'),
    },
  };
  client = new LanguageClient('imagebuilder', 'EC2 Image Builder', serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
