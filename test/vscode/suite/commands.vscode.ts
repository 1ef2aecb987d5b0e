/// <reference types="mocha" />
/** The palette commands that need no AWS: new documents, platform and type, metadata, log. */
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { closeAll, open, ours, replaceText, root, waitFor, workspace, writeFile } from './helpers';

const COMPONENT_WITHOUT_PLATFORM = `name: no-platform
description: A component whose platform nothing declares yet.
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: SayHello
        action: ExecuteBash
        inputs:
          commands:
            - echo hello
`;

const WORKFLOW_WITHOUT_TYPE = `name: no-type
description: A workflow whose type nothing declares yet.
schemaVersion: 1.0
steps:
  - name: LaunchBuildInstance
    action: LaunchInstance
    onFailure: Abort
    inputs:
      waitFor: ssmAgent
  - name: ApplyComponents
    action: ExecuteComponents
    onFailure: Abort
    inputs:
      instanceId.$: $.stepOutputs.LaunchBuildInstance.instanceId
`;

/** Breaks the document, waits for the problem, restores it and waits for it to clear. */
async function assertWatchedAndClean(editor: vscode.TextEditor): Promise<void> {
  await replaceText(editor, 'schemaVersion: 1.0', 'schemaVersion: 7.0');
  await waitFor('schema-version on the new document', () => ours(editor.document.uri).some((d) => d.code === 'schema-version'));
  await replaceText(editor, 'schemaVersion: 7.0', 'schemaVersion: 1.0');
  await waitFor(`no problems in the skeleton (has ${JSON.stringify(ours(editor.document.uri).map((d) => d.message))})`, () => ours(editor.document.uri).length === 0);
}

describe('Commands', () => {
  afterEach(closeAll);

  it('has skeletons that the command-line linter passes', () => {
    const report = JSON.parse(execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), 'lint', '--format', 'json', path.join(root, 'client/skeletons')], { encoding: 'utf8' }));
    assert.strictEqual(report.files.length, 4);
    for (const file of report.files) assert.deepStrictEqual(file.diagnostics, [], file.path);
  });

  it('New Component opens a component that has no problems', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('imagebuilder.newComponent');
    assert.strictEqual(vscode.window.activeTextEditor?.document, editor.document);
    assert.strictEqual(editor.document.languageId, 'yaml');
    assert.match(editor.document.getText(), /^# imagebuilder: platform=Linux\n/);
    await assertWatchedAndClean(editor);
  });

  for (const type of ['BUILD', 'TEST', 'DISTRIBUTION']) {
    it(`New Workflow ${type} opens a workflow that has no problems`, async () => {
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>('imagebuilder.newWorkflow', type);
      assert.match(editor.document.getText(), new RegExp(`^# imagebuilder: type=${type}\\n`));
      await assertWatchedAndClean(editor);
    });
  }

  it('Set Platform writes a directive into the document, and the platform note goes away', async () => {
    const editor = await open(writeFile('scratch/no-platform.yaml', COMPONENT_WITHOUT_PLATFORM));
    await waitFor('platform-unknown', () => ours(editor.document.uri).some((d) => d.code === 'platform-unknown'));
    await vscode.commands.executeCommand('imagebuilder.setPlatform', editor.document.uri, 'Linux', 'directive');
    assert.strictEqual(editor.document.lineAt(0).text, '# imagebuilder: platform=Linux');
    await waitFor('platform-unknown to go', () => !ours(editor.document.uri).some((d) => d.code === 'platform-unknown'));
    // A second time replaces the value instead of adding a line.
    await vscode.commands.executeCommand('imagebuilder.setPlatform', editor.document.uri, 'macOS', 'directive');
    assert.strictEqual(editor.document.lineAt(0).text, '# imagebuilder: platform=macOS');
    assert.strictEqual(editor.document.lineAt(1).text, 'name: no-platform');
  });

  it('Set Platform can record it in .imagebuilder.json instead', async () => {
    const editor = await open(writeFile('scratch/metadata-platform.yaml', COMPONENT_WITHOUT_PLATFORM));
    await waitFor('platform-unknown', () => ours(editor.document.uri).some((d) => d.code === 'platform-unknown'));
    await vscode.commands.executeCommand('imagebuilder.setPlatform', editor.document.uri, 'Linux', 'metadata');
    const metadata = JSON.parse(fs.readFileSync(path.join(workspace, '.imagebuilder.json'), 'utf8'));
    assert.strictEqual(metadata.documents['scratch/metadata-platform.yaml'].platform, 'Linux');
    assert.strictEqual(metadata.documents['components/hello-linux.yaml'].platform, 'Linux', 'other entries are kept');
    assert.strictEqual(editor.document.getText(), COMPONENT_WITHOUT_PLATFORM, 'the document is unchanged');
    await waitFor('platform-unknown to go', () => !ours(editor.document.uri).some((d) => d.code === 'platform-unknown'));
  });

  it('Set Workflow Type writes the type directive, and the type note goes away', async () => {
    const editor = await open(writeFile('scratch/no-type.yaml', WORKFLOW_WITHOUT_TYPE));
    await waitFor('workflow-type-unknown', () => ours(editor.document.uri).some((d) => d.code === 'workflow-type-unknown'));
    await vscode.commands.executeCommand('imagebuilder.setWorkflowType', editor.document.uri, 'BUILD', 'directive');
    assert.strictEqual(editor.document.lineAt(0).text, '# imagebuilder: type=BUILD');
    await waitFor('workflow-type-unknown to go', () => !ours(editor.document.uri).some((d) => d.code === 'workflow-type-unknown'));
  });

  it('Edit Metadata opens .imagebuilder.json at the document entry, creating it when missing', async () => {
    await vscode.commands.executeCommand('imagebuilder.editMetadata', vscode.Uri.file(path.join(workspace, 'workflows/test.yaml')));
    let editor = vscode.window.activeTextEditor!;
    assert.strictEqual(path.basename(editor.document.fileName), '.imagebuilder.json');
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /"workflows\/test\.yaml"/);

    const fresh = writeFile('standalone/new-component.yaml', COMPONENT_WITHOUT_PLATFORM);
    await vscode.commands.executeCommand('imagebuilder.editMetadata', fresh);
    editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.fileName, path.join(workspace, '.imagebuilder.json'), 'the nearest metadata file above applies');
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /"standalone\/new-component\.yaml"/);
  });

  it('Show Log runs', async () => {
    await vscode.commands.executeCommand('imagebuilder.showLog');
  });
});
