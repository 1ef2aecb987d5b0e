/// <reference types="mocha" />
/**
 * Beside the YAML extension (the stand-in runs yaml-language-server from npm, wired as
 * redhat.vscode-yaml wires it, with SchemaStore-style associations for component.yaml,
 * recipe.yaml and GitHub workflows): each problem is shown once, SchemaStore's schemas for
 * other tools do not apply to Image Builder documents, and they still apply to other files.
 */
import * as assert from 'node:assert';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { closeAll, open, ours, replaceText, sleep, waitFor } from './helpers';

const fromYamlExtension = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'imagebuilder');

describe('Beside the YAML extension', () => {
  before(async () => {
    const yaml = vscode.extensions.getExtension('redhat.vscode-yaml');
    assert.ok(yaml, 'the YAML stand-in is installed');
    await yaml.activate();
  });

  it('leaves SchemaStore working for other tools\' files (a Kubeflow component.yaml, a GitHub workflow)', async () => {
    const kubeflow = await open('kubeflow/component.yaml');
    const schemaProblems = await waitFor('the Kubeflow schema problem from the YAML extension', () => fromYamlExtension(kubeflow.document.uri).length > 0 && fromYamlExtension(kubeflow.document.uri));
    assert.match(schemaProblems.map((d) => d.message).join('\n'), /implementation/);
    assert.deepStrictEqual(ours(kubeflow.document.uri), []);
    const workflow = await open('.github/workflows/ci.yml');
    await replaceText(workflow, 'jobs:', 'jobz:');
    await waitFor('the GitHub workflow schema problem', () => fromYamlExtension(workflow.document.uri).some((d) => /jobs/.test(d.message)));
    assert.deepStrictEqual(ours(workflow.document.uri), []);
    await closeAll();
  });

  for (const file of ['coexist/component.yaml', 'coexist/recipe.yaml']) {
    it(`does not validate the Image Builder document ${file} with SchemaStore's schema for that name`, async () => {
      // The control: in this time the YAML extension reports the Kubeflow problem above.
      const control = await open('kubeflow/component.yaml');
      await waitFor('the control problem', () => fromYamlExtension(control.document.uri).length > 0);
      const editor = await open(file);
      await sleep(2000);
      assert.deepStrictEqual(fromYamlExtension(editor.document.uri).map((d) => d.message), []);
      // Still nothing from it after an edit (it validates again on each change).
      await replaceText(editor, 'description: An Image Builder', 'description: Still an Image Builder');
      await sleep(1500);
      assert.deepStrictEqual(fromYamlExtension(editor.document.uri).map((d) => d.message), []);
      await closeAll();
    });
  }

  it('shows a YAML syntax error once, and the Image Builder problems from this extension', async () => {
    const editor = await open('components/hello-linux.yaml');
    await replaceText(editor, 'action: CreateFolder', 'action: CreateFoldr');
    await replaceText(editor, "permissions: '0755'", "permissions: '0755");
    await waitFor('the syntax error from the YAML extension', () => fromYamlExtension(editor.document.uri).length > 0);
    await waitFor('unknown-action from this extension', () => ours(editor.document.uri).some((d) => d.code === 'unknown-action'));
    await sleep(1000);
    const all = vscode.languages.getDiagnostics(editor.document.uri);
    const syntax = all.filter((d) => d.code === 'yaml-syntax' || d.source !== 'imagebuilder');
    assert.ok(syntax.length >= 1, 'the syntax error is shown');
    assert.ok(!ours(editor.document.uri).some((d) => d.code === 'yaml-syntax'), 'ours is dropped: the YAML extension shows it');
    // No two diagnostics from the two extensions on the same place.
    for (const a of ours(editor.document.uri)) {
      for (const b of fromYamlExtension(editor.document.uri)) {
        assert.ok(!a.range.isEqual(b.range), `duplicate at line ${a.range.start.line + 1}: "${a.message}" and "${b.message}"`);
      }
    }
    await closeAll();
  });

  it('keeps its own syntax errors where the YAML extension does not validate (language mode picked by hand)', async () => {
    const editor = await open('components/hello-linux.yaml');
    await replaceText(editor, "permissions: '0755'", "permissions: '0755");
    const switched = await vscode.languages.setTextDocumentLanguage(editor.document, 'imagebuilder-yaml');
    await waitFor('our yaml-syntax error', () => ours(switched.uri).some((d) => d.code === 'yaml-syntax'));
    await closeAll();
  });
});
