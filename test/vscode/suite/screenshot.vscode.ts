/// <reference types="mocha" />
/**
 * The picture in the README: a component with the code lenses at the top, a problem squiggled
 * and listed in the Problems panel, and the completion list open inside a `{{ }}` reference.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { after, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { closeAll, open, ours, positionOf, replaceText, screenshot, sleep, waitFor } from './helpers';

describe('Screenshot', () => {
  after(closeAll);

  it('shows code lenses, a diagnostic and the completion list in the editor', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    const editor = await open('web/install-web-server.yaml');
    await waitFor('the code lenses', async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)).length > 0);
    await sleep(3000);
    await screenshot('debug-lenses');
    await replaceText(editor, 'action: ExecuteBash', 'action: ExecuteBsh');
    await waitFor('the squiggle', () => ours(editor.document.uri).some((d) => d.code === 'unknown-action'));
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(editor.document);
    // A reference being typed, where parameter names complete.
    const inside = positionOf(editor.document, 'nginx-{{ NginxVersion }}', 'nginx-{{ '.length);
    await editor.edit((e) => e.delete(new vscode.Range(inside, inside.translate(0, 'NginxVersion'.length))));
    editor.selection = new vscode.Selection(inside, inside);
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    // The editor asks for code lenses again after edits, with a delay.
    await sleep(2000);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await sleep(1500);
    const file = await screenshot('vscode-editor');
    assert.ok(fs.statSync(file).size > 10000, `${file} looks empty`);
    await vscode.commands.executeCommand('hideSuggestWidget');
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
  });
});
