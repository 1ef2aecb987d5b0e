/**
 * Set platform / Set workflow type: what the document text cannot say about itself, written
 * either into the document as a `# imagebuilder:` directive (travels with copy and paste) or
 * into the project metadata, `.imagebuilder.json`.
 */
import * as vscode from 'vscode';
import { updateDocumentMetadata } from '../../../server/src/project/metadata';
import { targetDocument, type CommandContext } from './context';

interface Setting {
  /** Directive key and metadata field. */
  directiveKey: 'platform' | 'type';
  metadataField: 'platform' | 'type';
  values: string[];
  title: string;
}

const PLATFORM: Setting = { directiveKey: 'platform', metadataField: 'platform', values: ['Linux', 'Windows', 'macOS'], title: 'Component platform' };
const WORKFLOW_TYPE: Setting = { directiveKey: 'type', metadataField: 'type', values: ['BUILD', 'TEST', 'DISTRIBUTION'], title: 'Workflow type' };

type Target = 'directive' | 'metadata';

export const setPlatform = (context: CommandContext) => setter(context, PLATFORM);
export const setWorkflowType = (context: CommandContext) => setter(context, WORKFLOW_TYPE);

function setter({ ui }: CommandContext, setting: Setting) {
  return async (arg?: unknown, value?: string, target?: Target): Promise<void> => {
    const document = await targetDocument(ui, arg);
    if (!document) return;
    const chosen = value ?? (await vscode.window.showQuickPick(setting.values, { title: setting.title, placeHolder: `${setting.title} of ${fileName(document.uri)}` }));
    if (!chosen) return;
    const where = target ?? (await askTarget(document, setting, chosen));
    if (!where) return;
    if (where === 'directive') await writeDirective(document, setting.directiveKey, chosen);
    else await writeMetadata(ui, document, setting.metadataField, chosen);
  };
}

async function askTarget(document: vscode.TextDocument, setting: Setting, value: string): Promise<Target | undefined> {
  const picks: (vscode.QuickPickItem & { target: Target })[] = [
    { label: `# imagebuilder: ${setting.directiveKey}=${value}`, description: 'a comment in the document', detail: 'Travels with the text when it is copied.', target: 'directive' },
    { label: '.imagebuilder.json', description: 'the project metadata', detail: 'Keeps the document unchanged; also read by the command-line tool in CI.', target: 'metadata' },
  ];
  if (document.uri.scheme !== 'file') picks.pop();
  return (await vscode.window.showQuickPick(picks, { title: `Where to record ${setting.title.toLowerCase()} ${value}?` }))?.target;
}

/** Replaces the key in an existing directive line, or adds a directive as the first line. */
async function writeDirective(document: vscode.TextDocument, key: string, value: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const setting = new RegExp(`(\\b${key}\\s*=\\s*)[^\\s,]*`, 'i');
  const line = findLine(document, (text) => /^\uFEFF?\s*#\s*imagebuilder\s*:/.test(text) && setting.test(text));
  if (line) {
    const match = setting.exec(line.text)!;
    const start = match.index + match[1].length;
    edit.replace(document.uri, new vscode.Range(line.lineNumber, start, line.lineNumber, match.index + match[0].length), value);
  } else {
    edit.insert(document.uri, new vscode.Position(0, 0), `# imagebuilder: ${key}=${value}\n`);
  }
  await vscode.workspace.applyEdit(edit);
}

function findLine(document: vscode.TextDocument, test: (text: string) => boolean): vscode.TextLine | undefined {
  for (let i = 0; i < document.lineCount; i++) {
    const line = document.lineAt(i);
    if (test(line.text)) return line;
  }
  return undefined;
}

async function writeMetadata(ui: CommandContext['ui'], document: vscode.TextDocument, field: string, value: string): Promise<void> {
  const open = vscode.workspace.textDocuments.find((d) => d.fileName.endsWith('.imagebuilder.json') && d.isDirty);
  if (open) {
    ui.error(`Save ${open.fileName} first: it has unsaved changes.`);
    return;
  }
  try {
    const file = updateDocumentMetadata(document.uri.fsPath, { [field]: value });
    void ui.info(`${fileName(document.uri)}: ${field} ${value}, recorded in ${vscode.workspace.asRelativePath(file)}.`);
  } catch (error) {
    ui.error(error instanceof Error ? error.message : String(error));
  }
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.toString();
}
