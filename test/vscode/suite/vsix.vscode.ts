/// <reference types="mocha" />
/**
 * The packaged extension (`npm run package`), installed from its .vsix as a user would: it
 * activates from its own folder, with only what the .vsix holds, and works end to end.
 */
import * as assert from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, open, ours, positionOf, replaceText, root, waitFor } from './helpers';

describe('The installed .vsix', () => {
  it('is the extension in use, installed outside the project', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    assert.ok(!extension.extensionPath.startsWith(root + path.sep), extension.extensionPath);
    assert.strictEqual(extension.packageJSON.version, '0.1.0');
  });

  it('reports problems, completes references and shows code lenses', async () => {
    const editor = await open('components/hello-linux.yaml');
    await replaceText(editor, 'action: CreateFolder', 'action: CreateFoldr');
    await waitFor('unknown-action', () => ours(editor.document.uri).some((d) => d.code === 'unknown-action'));
    const inside = positionOf(editor.document, "'jq-{{ ToolVersion }}'", "'jq-{{ ".length);
    const completion = await waitFor('completion', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, inside);
      return list.items.length > 0 && list;
    });
    assert.ok(completion.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'ToolVersion'));
    const lenses = await waitFor('code lenses', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return found.length > 0 && found;
    });
    assert.ok(lenses.some((l) => /^Publish /.test(l.command?.title ?? '')), lenses.map((l) => l.command?.title).join(', '));
  });
});
