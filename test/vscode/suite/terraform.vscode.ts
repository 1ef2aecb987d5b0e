/// <reference types="mocha" />
/**
 * A workspace of Terraform files only, with no Terraform extension installed (so no
 * `terraform` language: a .tf file is plain text): the extension activates for the workspace
 * (`workspaceContains:**\/*.tf`), the client sends the file by its pattern (`**\/*.tf`), and
 * the server, with the Terraform parser's native addons from the .vsix, checks the component
 * inside it.
 */
import * as assert from 'node:assert';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, open, ours, waitFor } from './helpers';

describe('A Terraform-only workspace', () => {
  it('activates the extension without a YAML file or .imagebuilder.json', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    // Not activated by the test: the workspace's .tf file does it.
    await waitFor('the extension to activate', () => extension.isActive);
  });

  it('checks the component in a .tf file that VS Code sees as plain text', async () => {
    const editor = await open('main.tf');
    assert.strictEqual(editor.document.languageId, 'plaintext');
    const diagnostics = await waitFor('diagnostics on main.tf (none: has the Terraform parser loaded?)', () => ours(editor.document.uri).length > 0 && ours(editor.document.uri));
    assert.deepStrictEqual(diagnostics.map((d) => [d.code, editor.document.getText(d.range), d.range.start.line]), [['unknown-action', 'ExecuteBashh', 11]]);
  });
});
