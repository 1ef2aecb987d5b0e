/// <reference types="mocha" />
/**
 * The picture in the README: a component with the code lenses at the top, a problem squiggled
 * and listed in the Problems panel, and the completion list open inside a `{{ }}` reference.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { closeAll, open, ours, pageTexts, positionOf, replaceText, screenshot, sleep, waitFor } from './helpers';

describe('Screenshot', () => {
  after(closeAll);

  it('shows code lenses, a diagnostic and the completion list in the editor', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    const editor = await open('web/install-web-server.yaml');
    await replaceText(editor, 'action: ExecuteBash', 'action: ExecuteBsh');
    await waitFor('the squiggle', () => ours(editor.document.uri).some((d) => d.code === 'unknown-action'));
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(editor.document);
    // A reference being typed, where parameter names complete.
    const inside = positionOf(editor.document, 'nginx-{{ NginxVersion }}', 'nginx-{{ '.length);
    await editor.edit((e) => e.delete(new vscode.Range(inside, inside.translate(0, 'NginxVersion'.length))));
    editor.selection = new vscode.Selection(inside, inside);
    // The editor asks for code lenses again after edits, with a delay.
    const lenses = await waitFor('the code lenses', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return found.length > 0 && found;
    });
    assert.ok(lenses.some((l) => l.command?.title === 'Publish 1.3.3'), lenses.map((l) => l.command?.title).join(', '));
    // To the very top: the code lenses sit above line 1, which revealing line 1 would cut off.
    await vscode.commands.executeCommand('editorScroll', { to: 'up', by: 'page', value: 5 });
    await waitFor('the code lenses on screen', async () => (await pageTexts('.codelens-decoration')).some((t) => t.includes('Publish 1.3.3')), 10000);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await sleep(1500);
    const file = await screenshot('vscode-editor');
    assert.ok(fs.statSync(file).size > 10000, `${file} looks empty`);
    await vscode.commands.executeCommand('hideSuggestWidget');
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
  });
});
