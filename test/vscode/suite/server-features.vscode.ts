/// <reference types="mocha" />
/**
 * What the language server adds, as the user meets it in VS Code: the status bar, completion,
 * quick fixes, code lenses, and dry run and publish against the local Image Builder endpoint
 * (test/support/fakeImagebuilder.ts, started by the runner; `imagebuilder.endpoint` in the
 * workspace settings, dummy credentials in the environment).
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, clickNotificationButton, closeAll, notificationTexts, open, ours, positionOf, replaceText, waitFor, workspace } from './helpers';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

describe('Server features', () => {
  afterEach(closeAll);

  it('shows kind and platform in the status bar', async () => {
    const ib = await api();
    await open('components/hello-linux.yaml');
    const text = await waitFor('the status bar item', () => /Component/.test(ib.statusBarText() ?? '') && ib.statusBarText());
    assert.match(text, /Component · Linux/);
    await open('workflows/test.yaml');
    await waitFor('the workflow type', () => /Workflow · TEST/.test(ib.statusBarText() ?? ''));
  });

  it('completes parameter names inside {{ }}', async () => {
    const editor = await open('components/hello-linux.yaml');
    const inside = positionOf(editor.document, "'jq-{{ ToolVersion }}'", "'jq-{{ ".length);
    await editor.edit((e) => e.delete(new vscode.Range(inside, inside.translate(0, 'ToolVersion'.length))));
    const list = await waitFor('completion items', async () => {
      const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, inside);
      return result.items.length > 0 && result;
    });
    const labels = list.items.map(labelOf);
    assert.ok(labels.includes('ToolVersion'), labels.join(', '));
    assert.ok(labels.includes('ConfigDir'), labels.join(', '));
  });

  it('applies a quick fix for a misspelt action', async () => {
    const editor = await open('components/hello-linux.yaml');
    await replaceText(editor, 'action: CreateFolder', 'action: CreateFoldr');
    const [problem] = await waitFor('unknown-action', () => ours(editor.document.uri).filter((d) => d.code === 'unknown-action').length > 0 && ours(editor.document.uri).filter((d) => d.code === 'unknown-action'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, problem.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.edit && /CreateFolder/.test(a.title));
    assert.ok(fix, `no fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.match(editor.document.getText(), /action: CreateFolder\n/);
    await waitFor('the problem to clear', () => !ours(editor.document.uri).some((d) => d.code === 'unknown-action'));
  });

  it('shows Dry run and Publish code lenses at the top of a document', async () => {
    const editor = await open('components/hello-linux.yaml');
    const lenses = await waitFor('code lenses', async () => {
      const result = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 10);
      return result.length > 0 && result;
    });
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => /Dry run/i.test(t)), titles.join(', '));
    assert.ok(titles.some((t) => /Publish 1\.0\.1/.test(t)), titles.join(', '));
    assert.ok(lenses.every((l) => l.range.start.line === 0));
  });

  it('dry-runs against the local endpoint with progress and the result', async () => {
    assert.ok(process.env.IB_ENDPOINT, 'the runner started the local endpoint');
    const ib = await api();
    await open('components/hello-linux.yaml');
    await vscode.commands.executeCommand('notifications.clearAll');
    const before = ib.notifications.length;
    const result = await vscode.commands.executeCommand<{ ok: boolean; message: string }>('imagebuilder.dryRun');
    assert.ok(result?.ok, JSON.stringify(result));
    const shown = ib.notifications.slice(before);
    assert.ok(shown.some((n) => n.severity === 'progress' && /dry run/i.test(n.message)), JSON.stringify(shown));
    await waitFor('the result on screen', async () => (await notificationTexts()).some((t) => t.includes(result.message)));
  });

  it('publishes the next patch version after confirmation and records it in .imagebuilder.json', async () => {
    assert.ok(process.env.IB_ENDPOINT, 'the runner started the local endpoint');
    const ib = await api();
    await open('components/hello-linux.yaml');
    // VS Code shows at most three toasts; earlier results would hide the question.
    await vscode.commands.executeCommand('notifications.clearAll');
    const before = ib.notifications.length;
    let result: { ok: boolean; message: string } | undefined;
    const running = Promise.resolve(vscode.commands.executeCommand<{ ok: boolean; message: string }>('imagebuilder.publish', undefined, { bump: 'patch' })).then((r) => (result = r));
    // The server asks first, showing name, version, account and Region; the user clicks Publish.
    const question = await waitFor('the confirmation', async () => (await notificationTexts()).find((t) => /Publish component 'hello-linux' \(Linux\) version 1\.0\.1/.test(t)));
    assert.match(question, /us-east-1/);
    assert.ok(await clickNotificationButton('Publish'));
    await running;
    assert.ok(result?.ok, JSON.stringify(result));
    assert.match(result.message, /1\.0\.1/);
    const metadata = JSON.parse(fs.readFileSync(path.join(workspace, '.imagebuilder.json'), 'utf8'));
    assert.strictEqual(metadata.documents['components/hello-linux.yaml'].version, '1.0.1');
    assert.ok(ib.notifications.slice(before).some((n) => n.severity === 'progress'));
    await waitFor('the result on screen', async () => (await notificationTexts()).some((t) => t.includes(result!.message)));
  });

  it('distributes an image with the result on screen, and retries a failed build', async () => {
    const ib = await api();
    await vscode.commands.executeCommand('notifications.clearAll');
    const distributed = await vscode.commands.executeCommand<{ ok: boolean; message: string }>('imagebuilder.distributeImage', {
      sourceImage: 'ami-0123456789abcdef0',
      distributionConfigurationArn: process.env.IB_DISTRIBUTION_CONFIGURATION,
      executionRole: 'arn:aws:iam::111122223333:role/ImageBuilderDistribution',
    });
    assert.ok(distributed?.ok, JSON.stringify(distributed));
    await waitFor('the distribution result on screen', async () => (await notificationTexts()).some((t) => t.includes(distributed.message)));
    const before = ib.notifications.length;
    const retried = await vscode.commands.executeCommand<{ ok: boolean; message: string }>('imagebuilder.retryImage', process.env.IB_FAILED_IMAGE);
    assert.ok(retried?.ok, JSON.stringify(retried));
    assert.ok(ib.notifications.slice(before).some((n) => n.severity === 'progress'));
    // The retry's answer names the build to follow (its toast is not read off the screen: it
    // raced with the distribution's toast; dry run, publish and distribute check the screen).
    assert.match(retried.message, new RegExp(`Retry started: ${(process.env.IB_FAILED_IMAGE ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
