/**
 * The status bar item for the active Image Builder document: kind, platform or workflow type,
 * and the AWS profile and Region the commands would use. Clicking it offers the commands.
 * Also sets the context key `imagebuilder.isDocument` for menus.
 */
import * as vscode from 'vscode';
import { MetadataStore } from '../../server/src/project/metadata';
import type { DocumentInfo, DocumentInfoSource } from './documentInfo';

export const STATUS_MENU_COMMAND = 'imagebuilder.statusMenu';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('imagebuilder.document', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly info: DocumentInfoSource) {
    this.item.name = 'EC2 Image Builder document';
    this.item.command = STATUS_MENU_COMMAND;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      info.onDidChange((uri) => {
        if (uri === vscode.window.activeTextEditor?.document.uri.toString()) void this.update();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('imagebuilder') && void this.update()),
      vscode.commands.registerCommand(STATUS_MENU_COMMAND, showMenu),
    );
    void this.update();
  }

  /** The text shown, for the active document; undefined when the item is hidden. */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  private visible = false;
  /** Updates overlap while the server answers; only the newest one may change the item. */
  private generation = 0;

  async update(): Promise<void> {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    const info = document && (this.info.peek(document.uri.toString()) ?? (await this.info.get(document.uri)));
    if (generation !== this.generation) return;
    if (!document || !info?.imageBuilder || document !== vscode.window.activeTextEditor?.document) {
      this.visible = false;
      this.item.hide();
      void vscode.commands.executeCommand('setContext', 'imagebuilder.isDocument', false);
      return;
    }
    const aws = awsTarget(document, info);
    this.item.text = `$(package) ${describe(info)} · ${aws.profile} · ${aws.region}`;
    this.item.tooltip = new vscode.MarkdownString(
      [
        `**EC2 Image Builder** ${info.kind ?? 'document'}${info.name ? ` \`${info.name}\`` : ''}${info.version ? ` ${info.version}` : ''}`,
        '',
        `AWS profile: ${aws.profile} · Region: ${aws.region} (settings \`imagebuilder.profile\` / \`imagebuilder.region\`, then \`.imagebuilder.json\`, then the environment)`,
        '',
        vscode.workspace.isTrusted ? 'Click for the commands.' : 'Restricted Mode: AWS commands are disabled until you trust the workspace.',
      ].join('\n'),
    );
    this.visible = true;
    this.item.show();
    void vscode.commands.executeCommand('setContext', 'imagebuilder.isDocument', true);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

function describe(info: DocumentInfo): string {
  if (info.kind === 'component') return `Component · ${info.platform ?? 'platform?'}`;
  if (info.kind === 'workflow') return `Workflow · ${info.workflowType ?? 'type?'}`;
  return 'Image Builder';
}

/** The profile and Region as the AWS commands resolve them: settings, metadata, environment. */
function awsTarget(document: vscode.TextDocument, info: DocumentInfo): { profile: string; region: string } {
  if (info.profile && info.region) return { profile: info.profile, region: info.region };
  const settings = vscode.workspace.getConfiguration('imagebuilder', document);
  const metadata = document.uri.scheme === 'file' ? new MetadataStore().lookup(document.uri.fsPath).metadata : undefined;
  const profile = info.profile || settings.get<string | null>('profile') || metadata?.profile || process.env.AWS_PROFILE || 'default';
  const region = info.region || settings.get<string | null>('region') || metadata?.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'no region';
  return { profile, region };
}

async function showMenu(): Promise<void> {
  const items: (vscode.QuickPickItem & { command: string })[] = [
    { label: '$(beaker) Dry run', command: 'imagebuilder.dryRun' },
    { label: '$(cloud-upload) Publish…', command: 'imagebuilder.publish' },
    { label: '$(server-environment) Set component platform…', command: 'imagebuilder.setPlatform' },
    { label: '$(list-ordered) Set workflow type…', command: 'imagebuilder.setWorkflowType' },
    { label: '$(json) Edit metadata', command: 'imagebuilder.editMetadata' },
    { label: '$(output) Show log', command: 'imagebuilder.showLog' },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'EC2 Image Builder' });
  if (pick) await vscode.commands.executeCommand(pick.command);
}
