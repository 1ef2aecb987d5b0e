/**
 * Starts the bundled language server (`dist/cli.js lsp`, the same bundle as the CLI) over
 * stdio. The server decides what is an Image Builder document, so every YAML file is sent (plus
 * JSON and Terraform files, which may embed documents) and it stays silent on the others.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type Middleware, type ServerOptions } from 'vscode-languageclient/node';

export const SETTINGS_SECTION = 'imagebuilder';

/** Every document the server may check; it publishes nothing for the ones that are not ours. */
export const DOCUMENT_SELECTOR = [
  ...['file', 'untitled'].flatMap((scheme) => [
    { scheme, language: 'yaml' },
    { scheme, language: 'imagebuilder-yaml' },
  ]),
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'terraform' },
  { scheme: 'file', pattern: '**/*.tf' },
];

export function createLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, middleware: Middleware): LanguageClient {
  const module = context.asAbsolutePath('dist/cli.js');
  // vscode-languageclient appends `--stdio --clientProcessId=N`; the server accepts both.
  const serverOptions: ServerOptions = {
    run: { module, args: ['lsp'], transport: TransportKind.stdio },
    debug: { module, args: ['lsp'], transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: log,
    // A function, so a restart after the workspace becomes trusted tells the server so.
    initializationOptions: () => ({
      awsEnabled: vscode.workspace.isTrusted,
      settings: vscode.workspace.getConfiguration(SETTINGS_SECTION),
    }),
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.imagebuilder.json'),
    },
    middleware,
  };
  return new LanguageClient('imagebuilder', 'EC2 Image Builder', serverOptions, clientOptions);
}
