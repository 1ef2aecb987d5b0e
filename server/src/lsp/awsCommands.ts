/**
 * Language-server side of the Image Builder calls: `workspace/executeCommand` handlers, code
 * lenses and source actions. Nothing here calls AWS unless a command is executed.
 * (Placeholder bodies; the full implementation follows.)
 */
import type { CancellationToken, CodeAction, CodeLens, Connection, ExecuteCommandParams } from 'vscode-languageserver/node';
import type { Diagnostic } from '../service/types';

export interface AwsSettings { profile?: string; region?: string; endpoint?: string; platform?: 'Linux' | 'Windows' | 'macOS'; workflowType?: 'BUILD' | 'TEST' | 'DISTRIBUTION' }
export interface AwsHost {
  connection: Connection;
  text(uri: string): string | undefined;
  settings(): AwsSettings;
  awsEnabled(): boolean;
  setServiceDiagnostics(uri: string, diagnostics: Diagnostic[]): void;
}

export const AWS_COMMANDS: readonly string[] = [
  'imagebuilder.server.dryRun',
  'imagebuilder.server.publish',
  'imagebuilder.server.versions',
  'imagebuilder.server.distributeImage',
  'imagebuilder.server.retryImage',
];

export function createAwsFeatures(host: AwsHost): {
  execute(params: ExecuteCommandParams, token: CancellationToken): Promise<unknown>;
  codeLenses(uri: string): CodeLens[];
  codeActions(uri: string): CodeAction[];
} {
  void host;
  return {
    async execute(params) {
      return { ok: false, errorName: 'NotImplemented', message: `${params.command} is not implemented yet.` };
    },
    codeLenses: () => [],
    codeActions: () => [],
  };
}
