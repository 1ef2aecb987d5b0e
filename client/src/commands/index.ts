/** The palette commands (`imagebuilder.*`); the server's own commands are `imagebuilder.server.*`. */
import * as vscode from 'vscode';
import type { CommandContext } from './context';
import { distributeImage } from './distributeImage';
import { dryRun } from './dryRun';
import { editMetadata } from './editMetadata';
import { newComponent, newWorkflow } from './newDocument';
import { publish } from './publish';
import { retryImage } from './retryImage';
import { setPlatform, setWorkflowType } from './setPlatform';

const COMMANDS: Record<string, (context: CommandContext) => (...args: never[]) => unknown> = {
  'imagebuilder.dryRun': dryRun,
  'imagebuilder.publish': publish,
  'imagebuilder.setPlatform': setPlatform,
  'imagebuilder.setWorkflowType': setWorkflowType,
  'imagebuilder.editMetadata': editMetadata,
  'imagebuilder.newComponent': newComponent,
  'imagebuilder.newWorkflow': newWorkflow,
  'imagebuilder.distributeImage': distributeImage,
  'imagebuilder.retryImage': retryImage,
  'imagebuilder.showLog': ({ log }) => () => log.show(),
};

export function registerCommands(context: CommandContext): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, make]) => vscode.commands.registerCommand(id, make(context)));
}
