/// <reference types="mocha" />
/** Restricted Mode (workspace trust): validation works, AWS commands explain why they do not. */
import * as assert from 'node:assert';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, open, ours, replaceText, waitFor } from './helpers';

describe('An untrusted workspace', () => {
  it('is in Restricted Mode', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
  });

  it('still validates documents', async () => {
    const editor = await open('components/hello-linux.yaml');
    await replaceText(editor, 'action: CreateFolder', 'action: CreateFoldr');
    await waitFor('unknown-action', () => ours(editor.document.uri).some((d) => d.code === 'unknown-action'));
  });

  for (const [command, args] of [
    ['imagebuilder.dryRun', []],
    ['imagebuilder.publish', [undefined, { bump: 'patch' }]],
    ['imagebuilder.retryImage', ['arn:aws:imagebuilder:us-east-1:111122223333:image/x/1.0.0/1']],
  ] as const) {
    it(`refuses ${command} with an explanation, without calling the server`, async () => {
      const ib = await api();
      await open('components/hello-linux.yaml');
      const before = ib.notifications.length;
      const result = await vscode.commands.executeCommand(command, ...args);
      assert.strictEqual(result, undefined);
      const shown = ib.notifications.slice(before);
      assert.strictEqual(shown.length, 1, JSON.stringify(shown));
      assert.strictEqual(shown[0].severity, 'warning');
      assert.match(shown[0].message, /Restricted Mode/);
    });
  }

  it('refuses the server commands too, however they are invoked (code lens, another extension)', async () => {
    const ib = await api();
    const uri = (await open('components/hello-linux.yaml')).document.uri.toString();
    const before = ib.notifications.length;
    const result = await vscode.commands.executeCommand<{ ok: boolean }>('imagebuilder.server.dryRun', uri);
    assert.strictEqual(result.ok, false);
    assert.match(ib.notifications.slice(before).map((n) => n.message).join('\n'), /Restricted Mode/);
  });
});
