/** What every command needs, and how a command finds the document it acts on. */
import * as vscode from 'vscode';
import type { DocumentInfoSource } from '../documentInfo';
import type { Ui } from '../ui';

export interface CommandContext {
  ui: Ui;
  log: vscode.LogOutputChannel;
  info: DocumentInfoSource;
}

/**
 * The document a command was invoked for: its argument (a Uri or a URI string, as code lenses
 * and menus pass) or the active editor's document.
 */
export async function targetDocument(ui: Ui, arg: unknown): Promise<vscode.TextDocument | undefined> {
  const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    ui.error('Open an Image Builder document first.');
    return undefined;
  }
  return vscode.workspace.openTextDocument(uri);
}
