/**
 * Workspace trust. In Restricted Mode validation works but nothing calls AWS: a folder from
 * the internet could otherwise point the AWS commands at credentials or an endpoint of its
 * choosing through its workspace settings.
 */
import * as vscode from 'vscode';
import type { Ui } from './ui';

export const UNTRUSTED_MESSAGE =
  'AWS commands are disabled in Restricted Mode: this workspace is not trusted, so its settings could send your credentials elsewhere. Trust the workspace to use them; validation works either way.';

/** True when AWS calls are allowed; otherwise explains why not, offering to manage trust. */
export function awsAllowed(ui: Ui, what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void ui.warn(`${what}: ${UNTRUSTED_MESSAGE}`, 'Manage Workspace Trust').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
