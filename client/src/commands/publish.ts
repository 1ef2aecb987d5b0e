/**
 * Publish: the next patch, minor or major version, or one the user types. The server computes
 * the version from what exists in the account, asks for confirmation and records the result.
 */
import * as vscode from 'vscode';
import { runServerCommand, SERVER_COMMANDS } from '../awsCommands';
import { awsAllowed } from '../trust';
import { targetDocument, type CommandContext } from './context';

export interface PublishOptions {
  bump?: 'patch' | 'minor' | 'major';
  version?: string;
  force?: boolean;
}

const SEMVER = /^\d+\.\d+\.\d+$/;

export function publish({ ui, info }: CommandContext) {
  return async (arg?: unknown, options?: PublishOptions): Promise<unknown> => {
    if (!awsAllowed(ui, 'Publish')) return undefined;
    const document = await targetDocument(ui, arg);
    if (!document) return undefined;
    const chosen = options ?? (await askVersion((await info.get(document.uri)).version));
    if (!chosen) return undefined;
    return runServerCommand(ui, SERVER_COMMANDS.publish, document.uri.toString(), chosen);
  };
}

async function askVersion(recorded: string | undefined): Promise<PublishOptions | undefined> {
  const after = recorded ? `after ${recorded} and any newer version in the account` : 'after the newest version in the account';
  const picks: (vscode.QuickPickItem & { options?: PublishOptions })[] = [
    { label: 'Next patch version', description: after, options: { bump: 'patch' } },
    { label: 'Next minor version', description: after, options: { bump: 'minor' } },
    { label: 'Next major version', description: after, options: { bump: 'major' } },
    { label: 'A version I type…' },
  ];
  const pick = await vscode.window.showQuickPick(picks, { title: 'Publish to EC2 Image Builder', placeHolder: 'Which version?' });
  if (!pick) return undefined;
  if (pick.options) return pick.options;
  const version = await vscode.window.showInputBox({
    title: 'Publish to EC2 Image Builder',
    prompt: 'Semantic version (major.minor.patch)',
    value: recorded,
    validateInput: (value) => (SEMVER.test(value.trim()) ? undefined : 'Write it as major.minor.patch, e.g. 1.4.3'),
  });
  return version ? { version: version.trim() } : undefined;
}
