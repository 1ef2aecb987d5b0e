/** Retry image: reruns a failed image build (RetryImage). */
import * as vscode from 'vscode';
import { runServerCommand, SERVER_COMMANDS } from '../awsCommands';
import { awsAllowed } from '../trust';
import type { CommandContext } from './context';

export function retryImage({ ui }: CommandContext) {
  return async (imageBuildVersionArn?: string): Promise<unknown> => {
    if (!awsAllowed(ui, 'Retry image')) return undefined;
    const arn = imageBuildVersionArn ?? (await vscode.window.showInputBox({
      title: 'Retry an image build',
      prompt: 'Image build version ARN of the failed build',
      placeHolder: 'arn:aws:imagebuilder:us-east-1:111122223333:image/my-image/1.0.0/2',
      ignoreFocusOut: true,
      validateInput: (v) => (/^arn:aws[\w-]*:imagebuilder:/.test(v.trim()) ? undefined : 'An image build version ARN starts with arn:aws:imagebuilder:'),
    }))?.trim();
    if (!arn) return undefined;
    return runServerCommand(ui, SERVER_COMMANDS.retryImage, arn);
  };
}
