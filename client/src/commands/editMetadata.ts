/**
 * Edit metadata: opens the `.imagebuilder.json` that applies to the document at its entry,
 * creating the file (in the document's folder) or the entry when there is none. The file is
 * validated and completed with its schema (`jsonValidation`).
 */
import * as vscode from 'vscode';
import { MetadataStore, updateDocumentMetadata } from '../../../server/src/project/metadata';
import { targetDocument, type CommandContext } from './context';

export function editMetadata({ ui }: CommandContext) {
  return async (arg?: unknown): Promise<void> => {
    const document = await targetDocument(ui, arg);
    if (!document) return;
    if (document.uri.scheme !== 'file') {
      ui.error('Save the document first: project metadata refers to files by their path.');
      return;
    }
    let { file, key, metadata } = new MetadataStore().lookup(document.uri.fsPath);
    try {
      if (!file || metadata === undefined) {
        file = updateDocumentMetadata(document.uri.fsPath, {});
        key = new MetadataStore().lookup(document.uri.fsPath).key;
      }
    } catch (error) {
      ui.error(error instanceof Error ? error.message : String(error));
      return;
    }
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    const needle = key ? JSON.stringify(key) : undefined;
    // An editor already open on the file may not have reloaded what was just written.
    if (needle && !editor.document.getText().includes(needle) && !editor.document.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');
    const offset = needle ? editor.document.getText().indexOf(needle) : -1;
    if (offset >= 0) {
      const position = editor.document.positionAt(offset);
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
    }
  };
}
