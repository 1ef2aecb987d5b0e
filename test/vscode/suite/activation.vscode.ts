/// <reference types="mocha" />
/** The extension on its own: it finds Image Builder documents and leaves other YAML alone. */
import * as assert from 'node:assert';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, closeAll, codesOf, open, ours, positionOf, replaceText, sleep, uriOf, waitFor, writeFile } from './helpers';

describe('Image Builder documents in VS Code', () => {
  afterEach(closeAll);

  it('starts the language server for an Image Builder document and shows its problems', async () => {
    const editor = await open('components/check-app.yaml');
    const diagnostics = await waitFor('diagnostics on check-app.yaml', () => ours(editor.document.uri).length > 0 && ours(editor.document.uri));
    assert.deepStrictEqual(codesOf(diagnostics), ['component-type']);
    assert.strictEqual(diagnostics[0].severity, vscode.DiagnosticSeverity.Information);
    // The range is the offending key, not the document or line 0.
    assert.strictEqual(editor.document.getText(diagnostics[0].range), 'phases');
  });

  it('stays silent on other YAML: a Kubernetes manifest, a GitHub Actions workflow, a Kubeflow component', async () => {
    const others = ['other/deployment.yaml', '.github/workflows/ci.yml', 'kubeflow/component.yaml'];
    for (const file of others) await open(file);
    // The server handles documents in order: once a later Image Builder document has its
    // diagnostics, the earlier ones have had theirs.
    const marker = await open('components/check-app.yaml');
    await waitFor('diagnostics on the marker document', () => ours(marker.document.uri).length > 0);
    await sleep(300);
    for (const file of others) assert.deepStrictEqual(ours(uriOf(file)), [], `${file} got diagnostics`);
    const ib = await api();
    await open('other/deployment.yaml');
    await waitFor('the status bar to hide on a Kubernetes manifest', () => ib.statusBarText() === undefined);
  });

  it('shows a problem as it is typed and clears it when the text is fixed', async () => {
    const editor = await open('components/hello-linux.yaml');
    await sleep(500);
    assert.deepStrictEqual(ours(editor.document.uri), [], 'the example starts clean');
    const typo = await replaceText(editor, 'action: CreateFolder', 'action: CreateFoldr');
    const [problem] = await waitFor('unknown-action', () => ours(editor.document.uri).filter((d) => d.code === 'unknown-action').length > 0 && ours(editor.document.uri));
    assert.strictEqual(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(editor.document.getText(problem.range), 'CreateFoldr');
    assert.ok(typo.contains(problem.range));
    assert.match(problem.message, /CreateFolder/, 'the message suggests the right name');
    await replaceText(editor, 'action: CreateFoldr', 'action: CreateFolder');
    await waitFor('the problem to clear', () => ours(editor.document.uri).length === 0);
  });

  it('checks an untitled document and one switched to the Image Builder language mode by hand', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'phases:\n  - name: build\n    steps: []\n' });
    await vscode.window.showTextDocument(document);
    await waitFor('diagnostics on an untitled component', () => ours(document.uri).length > 0);
    const picked = await vscode.languages.setTextDocumentLanguage(document, 'imagebuilder-yaml');
    assert.strictEqual(picked.languageId, 'imagebuilder-yaml');
    await waitFor('diagnostics after switching the language mode', () => ours(picked.uri).some((d) => d.code === 'schema-version'));
  });

  it('comments and indents Image Builder YAML with the language configuration', async () => {
    const uri = writeFile('scratch/typing.yaml', '# imagebuilder: platform=Linux\nname: typing\n');
    const editor = await open(uri);
    await vscode.languages.setTextDocumentLanguage(editor.document, 'imagebuilder-yaml');
    const active = vscode.window.activeTextEditor!;
    active.selection = new vscode.Selection(1, 0, 1, 0);
    await vscode.commands.executeCommand('editor.action.commentLine');
    assert.strictEqual(active.document.lineAt(1).text, '# name: typing');
    // Enter after a key that opens a mapping indents the next line.
    const end = active.document.lineAt(1).range.end;
    await active.edit((e) => e.insert(end, '\nphases:'));
    const after = active.document.lineAt(2).range.end;
    active.selection = new vscode.Selection(after, after);
    await vscode.commands.executeCommand('type', { text: '\n' });
    assert.match(active.document.lineAt(3).text, /^ {2}$/);
  });

  it('validates and completes .imagebuilder.json with its schema', async () => {
    const editor = await open('.imagebuilder.json');
    const entry = positionOf(editor.document, '"components/hello-linux.yaml": {', '"components/hello-linux.yaml": {'.length);
    // The schema's properties, once the JSON language server has loaded it.
    await waitFor('"description" completed from the schema', async () => {
      const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, entry);
      return result.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label).includes('description'));
    });
    await replaceText(editor, '"platform": "Linux"', '"platform": "Linuks"');
    await waitFor('a schema error for the platform', () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => editor.document.getText(d.range).includes('Linuks')));
  });

  it('shows the document in the status bar', async () => {
    const ib = await api();
    await open('components/hello-linux.yaml');
    const text = await waitFor('the status bar item', () => ib.statusBarText());
    assert.match(text, /us-east-1/, text);
  });
});
