/// <reference types="mocha" />
/**
 * The picture in the README: an Image Builder component with a problem squiggled and listed in
 * the Problems panel, the completion list open at a reference, and the code lenses at the top.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { open, ours, positionOf, replaceText, screenshot, sleep, waitFor } from './helpers';

describe('Screenshot', () => {
  it('shows diagnostics, completion and code lenses in the editor', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const editor = await open('components/hello-linux.yaml');
    await replaceText(editor, 'action: CreateFolder', 'action: CreateFoldr');
    await waitFor('the squiggle', () => ours(editor.document.uri).length > 0);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(editor.document);
    // The cursor inside a reference, where parameter and constant names complete.
    const inside = positionOf(editor.document, "'jq-{{ ToolVersion }}'", "'jq-{{ ".length);
    await editor.edit((e) => e.delete(new vscode.Range(inside, inside.translate(0, 'ToolVersion'.length))));
    editor.selection = new vscode.Selection(inside, inside);
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await sleep(1500);
    const file = await screenshot('vscode-editor');
    assert.ok(fs.statSync(file).size > 10000, `${file} looks empty`);
    await vscode.commands.executeCommand('hideSuggestWidget');
  });
});
