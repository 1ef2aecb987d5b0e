/**
 * New component / New workflow: an untitled YAML document from a skeleton that passes every
 * rule (a test lints each one), with the platform or workflow type as a directive. It is named
 * after the document (Save proposes that name in the workspace folder).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import component from '../../skeletons/component.yaml';
import build from '../../skeletons/workflow-build.yaml';
import distribution from '../../skeletons/workflow-distribution.yaml';
import testWorkflow from '../../skeletons/workflow-test.yaml';
import type { CommandContext } from './context';

export const WORKFLOW_SKELETONS: Record<string, string> = { BUILD: build, TEST: testWorkflow, DISTRIBUTION: distribution };
const WORKFLOW_DETAILS: Record<string, string> = {
  BUILD: 'Launch an instance, run the build components, create the image.',
  TEST: 'Launch an instance from the new image and run the test components.',
  DISTRIBUTION: 'Copy the image to other Regions and accounts.',
};

export function newComponent(_context: CommandContext) {
  return async (): Promise<vscode.TextEditor> => open(component, 'my-component');
}

export function newWorkflow(_context: CommandContext) {
  return async (type?: string): Promise<vscode.TextEditor | undefined> => {
    const chosen = type ?? (await vscode.window.showQuickPick(
      Object.keys(WORKFLOW_SKELETONS).map((label) => ({ label, detail: WORKFLOW_DETAILS[label] })),
      { title: 'New Image Builder workflow', placeHolder: 'Workflow type' },
    ))?.label;
    const skeleton = chosen ? WORKFLOW_SKELETONS[chosen.toUpperCase()] : undefined;
    return skeleton ? open(skeleton, `my-${chosen!.toLowerCase()}-workflow`) : undefined;
  };
}

async function open(content: string, name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(unusedUntitled(name));
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), content));
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  return editor;
}

/** `untitled:<folder>/<name>.yaml`, numbered when that name is open or exists already. */
function unusedUntitled(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.fsPath));
  for (let n = 1; ; n++) {
    const file = path.join(folder, `${name}${n === 1 ? '' : `-${n}`}.yaml`);
    if (!open.has(file) && !fs.existsSync(file)) return vscode.Uri.file(file).with({ scheme: 'untitled' });
  }
}
