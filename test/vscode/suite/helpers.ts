/** What the extension tests share: the workspace, waiting for what the user would see. */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'imagebuilder-yaml.imagebuilder-yaml';
export const workspace = process.env.IB_WORKSPACE!;
export const root = process.env.IB_ROOT!;

export function uriOf(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspace, relative));
}

export async function open(relative: string | vscode.Uri): Promise<vscode.TextEditor> {
  const uri = typeof relative === 'string' ? uriOf(relative) : relative;
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

/** Writes a file into the workspace (for documents a test changes on disk). */
export function writeFile(relative: string, text: string): vscode.Uri {
  const file = path.join(workspace, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/** Polls until `probe` returns something truthy; fails with `what` and the last value. */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 15000): Promise<Truthy<T>> {
  const start = Date.now();
  let last: T | undefined;
  while (Date.now() - start < timeoutMs) {
    last = await probe();
    if (last) return last as Truthy<T>;
    await sleep(100);
  }
  assert.fail(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** Diagnostics of our language server (the Problems panel entries the user sees from it). */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'imagebuilder');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export function codesOf(diagnostics: vscode.Diagnostic[]): string[] {
  return diagnostics.map(codeOf).sort();
}

/** Replaces the first occurrence of `from` in the editor's text, as typing would. */
export async function replaceText(editor: vscode.TextEditor, from: string, to: string): Promise<vscode.Range> {
  const offset = editor.document.getText().indexOf(from);
  assert.ok(offset >= 0, `"${from}" not in ${editor.document.uri.fsPath}`);
  const range = new vscode.Range(editor.document.positionAt(offset), editor.document.positionAt(offset + from.length));
  assert.ok(await editor.edit((e) => e.replace(range, to)));
  return new vscode.Range(range.start, editor.document.positionAt(offset + to.length));
}

export function positionOf(document: vscode.TextDocument, text: string, delta = 0): vscode.Position {
  const offset = document.getText().indexOf(text);
  assert.ok(offset >= 0, `"${text}" not in ${document.uri.fsPath}`);
  return document.positionAt(offset + delta);
}

export async function api(): Promise<{
  notifications: readonly { severity: string; message: string }[];
  documentInfo(uri: vscode.Uri): Promise<{ imageBuilder: boolean; kind?: string; platform?: string; workflowType?: string; name?: string; version?: string }>;
  statusBarText(): string | undefined;
}> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return extension.activate();
}

/** Closes every editor without saving, so each test starts from a clean window. */
export async function closeAll(): Promise<void> {
  for (let i = 0; i < 30 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

let requests = 0;

/** Asks the shim, which drives the browser, about the page (see code-shim.mjs). */
async function askPage(request: object, answerFile: (name: string) => string): Promise<string> {
  const dir = process.env.SHIM_SCREENSHOT_DIR;
  assert.ok(dir, 'SHIM_SCREENSHOT_DIR is not set');
  fs.mkdirSync(dir, { recursive: true });
  const name = `request-${process.pid}-${++requests}`;
  const answer = answerFile(path.join(dir, name));
  fs.rmSync(answer, { force: true });
  fs.writeFileSync(path.join(dir, `${name}.request`), JSON.stringify(request));
  await waitFor(`the page to answer ${JSON.stringify(request)}`, () => fs.existsSync(answer) && !fs.existsSync(path.join(dir, `${name}.request`)), 20000);
  return answer;
}

/** A screenshot of the page as the user sees it, kept in test-artifacts/ (IB_ARTIFACTS). */
export async function screenshot(name: string): Promise<string> {
  const png = await askPage({ action: 'screenshot' }, (base) => `${base}.png`);
  const kept = path.join(process.env.IB_ARTIFACTS ?? path.dirname(png), `${name}.png`);
  fs.mkdirSync(path.dirname(kept), { recursive: true });
  fs.copyFileSync(png, kept);
  return kept;
}

/** The texts of the elements on screen that match a CSS selector. */
export async function pageTexts(selector: string): Promise<string[]> {
  const answer = await askPage({ action: 'texts', selector }, (base) => `${base}.json`);
  return (JSON.parse(fs.readFileSync(answer, 'utf8')) as { texts: string[] }).texts;
}

/** The texts of the notification toasts on screen. */
export const notificationTexts = () => pageTexts('.notifications-toasts .notification-list-item-message');

/** Clicks a notification button with this label, as the user would; false when none is shown. */
export async function clickNotificationButton(label: string): Promise<boolean> {
  const answer = await askPage({ action: 'click', selector: '.notifications-toasts .monaco-button', text: label }, (base) => `${base}.json`);
  return (JSON.parse(fs.readFileSync(answer, 'utf8')) as { clicked: boolean }).clicked;
}
