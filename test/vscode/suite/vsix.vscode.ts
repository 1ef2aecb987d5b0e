/// <reference types="mocha" />
/**
 * The packaged extension (`npm run package`), installed from its .vsix as a user would: it
 * activates from its own folder, with only what the .vsix holds, and works end to end.
 */
import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, open, ours, positionOf, replaceText, root, uriOf, waitFor, workspace } from './helpers';

const PLATFORMS = ['darwin-arm64', 'darwin-x64', 'linux-arm64', 'linux-x64', 'win32-arm64', 'win32-x64'];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
}

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

  it('ships the Terraform parser\'s addons for six platforms, and only what they load', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const hcl = '@tree-sitter-grammars/tree-sitter-hcl';
    const expected = [
      ...['package.json', 'index.js', 'LICENSE', ...PLATFORMS.map((p) => `prebuilds/${p}/tree-sitter.node`)].map((f) => `tree-sitter/${f}`),
      ...['package.json', 'bindings/node/index.js', 'src/node-types.json', 'LICENSE', ...PLATFORMS.map((p) => `prebuilds/${p}/${hcl.replace('/', '+')}.node`)].map((f) => `${hcl}/${f}`),
      ...['package.json', 'index.js', 'node-gyp-build.js', 'LICENSE'].map((f) => `node-gyp-build/${f}`),
    ].sort();
    assert.deepStrictEqual(filesUnder(path.join(extension.extensionPath, 'dist/node_modules')), expected);
    assert.ok(!fs.existsSync(path.join(extension.extensionPath, 'node_modules')), 'no top-level node_modules');
  });

  it('loads the Terraform parser in the extension host: a .tf file gets the diagnostics the CLI reports', async () => {
    const file = 'terraform/main.tf';
    // The CLI, run from the project (where npm installed the addons), is the reference.
    const cli = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'lint', '--format', 'json', path.join(workspace, file)], { encoding: 'utf8' });
    const report = JSON.parse(cli.stdout) as { files: { diagnostics: { code: string; range: vscode.Range }[] }[] };
    const expected = report.files.flatMap((f) => f.diagnostics).map((d) => ({ code: d.code, range: d.range }));
    assert.deepStrictEqual(expected.map((d) => d.code), ['unknown-action'], cli.stdout + cli.stderr);

    // No Terraform extension here: the file is plain text, and the client's `**/*.tf` pattern sends it.
    const editor = await open(uriOf(file));
    // Without the addons the server finds no resource in the file and publishes nothing, or (where
    // it reports the failure) one host-syntax warning that the parser cannot load.
    const diagnostics = await waitFor(`diagnostics on ${file} (none: has the Terraform parser loaded?)`, () => ours(editor.document.uri).length > 0 && ours(editor.document.uri));
    assert.ok(!diagnostics.some((d) => d.code === 'host-syntax'), diagnostics.map((d) => d.message).join('; '));
    const shown = diagnostics.map((d) => ({ code: String(d.code), range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } } }));
    assert.deepStrictEqual(shown, expected);
    assert.strictEqual(editor.document.getText(diagnostics[0].range), 'ExecuteBashh');
  });
});
