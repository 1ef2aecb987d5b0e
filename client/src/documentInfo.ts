/**
 * What the server knows about a document: is it an Image Builder document, which kind, platform
 * or workflow type, name and version (custom request `imagebuilder/documentInfo`). The status
 * bar, the command defaults and the YAML-extension bridge read it from here. A server without
 * the request is still useful: a document it published diagnostics for is one of ours.
 */
import * as vscode from 'vscode';
import { ErrorCodes, RequestType, ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import { DOCUMENT_INFO_REQUEST, type DocumentInfo } from '../../server/src/lsp/protocol';

export type { DocumentInfo };

export const DocumentInfoRequest = new RequestType<{ uri: string }, DocumentInfo | null, void>(DOCUMENT_INFO_REQUEST);

/** Diagnostics of our server carry this source. */
export const DIAGNOSTIC_SOURCE = 'imagebuilder';

export class DocumentInfoSource implements vscode.Disposable {
  private readonly known = new Map<string, DocumentInfo>();
  private readonly changed = new vscode.EventEmitter<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Undefined until the first answer: does the server implement the request? */
  private serverAnswers: boolean | undefined;
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      this.changed,
      // After the client has sent didOpen, which it does on the same event.
      vscode.workspace.onDidOpenTextDocument((document) => this.refresh(document.uri, 50)),
      vscode.workspace.onDidCloseTextDocument((document) => this.known.delete(document.uri.toString())),
      // The server validates after each edit; what it knows may have changed with it.
      vscode.languages.onDidChangeDiagnostics((event) => event.uris.forEach((uri) => this.refresh(uri, 0))),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('imagebuilder')) vscode.workspace.textDocuments.forEach((d) => this.refresh(d.uri));
      }),
    );
  }

  /** What is known now, without asking (for callers that must answer synchronously). */
  peek(uri: string): DocumentInfo | undefined {
    return this.known.get(uri);
  }

  async get(uri: vscode.Uri): Promise<DocumentInfo> {
    const key = uri.toString();
    let info: DocumentInfo | undefined;
    if (this.serverAnswers !== false && this.client.isRunning()) {
      try {
        info = (await this.client.sendRequest(DocumentInfoRequest, { uri: key })) ?? { imageBuilder: false };
        this.serverAnswers = true;
      } catch (error) {
        if (error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound) {
          this.serverAnswers = false;
          this.log.info('The language server does not answer imagebuilder/documentInfo; the status bar shows less.');
        } else {
          this.log.warn(`imagebuilder/documentInfo for ${key} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    // Without the request: diagnostics from our server mean it is ours, and stays ours once it
    // is clean again (a clean document gets no diagnostics).
    info ??= { imageBuilder: vscode.languages.getDiagnostics(uri).some((d) => d.source === DIAGNOSTIC_SOURCE) || this.known.get(key)?.imageBuilder === true };
    const before = this.known.get(key);
    this.known.set(key, info);
    if (JSON.stringify(before) !== JSON.stringify(info)) this.changed.fire(key);
    return info;
  }

  /** Asks again soon; bursts of events for one document are folded into one request. */
  refresh(uri: vscode.Uri, delay = 100): void {
    const key = uri.toString();
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.get(uri);
    }, delay));
  }

  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.disposables.forEach((d) => d.dispose());
  }
}
