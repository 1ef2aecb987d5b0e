/** Distribute image: starts a distribution of an existing image (DistributeImage). */
import * as vscode from 'vscode';
import { runServerCommand, SERVER_COMMANDS } from '../awsCommands';
import { awsAllowed } from '../trust';
import type { CommandContext } from './context';

export interface DistributeImageArgs {
  sourceImage: string;
  distributionConfigurationArn: string;
  executionRole: string;
  tags?: Record<string, string>;
  logGroup?: string;
}

const ARN = /^arn:aws[\w-]*:/;

export function distributeImage({ ui }: CommandContext) {
  return async (args?: DistributeImageArgs): Promise<unknown> => {
    if (!awsAllowed(ui, 'Distribute image')) return undefined;
    const chosen = args ?? (await ask());
    if (!chosen) return undefined;
    return runServerCommand(ui, SERVER_COMMANDS.distributeImage, chosen);
  };
}

async function ask(): Promise<DistributeImageArgs | undefined> {
  const title = 'Distribute an image';
  const arn = (prompt: string, placeHolder: string) =>
    vscode.window.showInputBox({ title, prompt, placeHolder, ignoreFocusOut: true, validateInput: (v) => (ARN.test(v.trim()) ? undefined : 'An ARN starts with arn:aws') });
  const sourceImage = await arn('Image to distribute (ARN of an AMI or image build version)', 'arn:aws:imagebuilder:us-east-1:111122223333:image/my-image/1.0.0/1');
  if (!sourceImage) return undefined;
  const distributionConfigurationArn = await arn('Distribution settings (ARN)', 'arn:aws:imagebuilder:us-east-1:111122223333:distribution-configuration/my-distribution');
  if (!distributionConfigurationArn) return undefined;
  const executionRole = await arn('IAM role Image Builder uses (ARN)', 'arn:aws:iam::111122223333:role/ImageBuilderDistribution');
  if (!executionRole) return undefined;
  const logGroup = await vscode.window.showInputBox({ title, prompt: 'CloudWatch Logs group (optional)', ignoreFocusOut: true });
  if (logGroup === undefined) return undefined;
  return { sourceImage: sourceImage.trim(), distributionConfigurationArn: distributionConfigurationArn.trim(), executionRole: executionRole.trim(), ...(logGroup.trim() ? { logGroup: logGroup.trim() } : {}) };
}
