/**
 * Dry run, publish and the other Image Builder calls as `workspace/executeCommand` commands,
 * offered as code lenses at the top of Image Builder documents. The commands themselves live in
 * `../awsCommands.ts`; this module only connects them to the server. Lenses never call AWS.
 */
import { diagnosticsFeature, extraDiagnostics } from './diagnostics';
import { AWS_COMMANDS, createAwsFeatures } from '../awsCommands';
import type { Feature } from './feature';

/** The AWS source actions, for the code-action handler to append (set when the server starts). */
export let awsCodeActions: ((uri: string) => ReturnType<ReturnType<typeof createAwsFeatures>['codeActions']>) | undefined;

export const awsFeature: Feature = {
  capabilities: () => ({
    executeCommandProvider: { commands: [...AWS_COMMANDS] },
    codeLensProvider: { resolveProvider: false },
  }),
  register({ connection, workspace }) {
    const aws = createAwsFeatures({
      connection,
      text: (uri) => workspace.documents.get(uri)?.getText(),
      settings: () => ({ ...workspace.settings }),
      awsEnabled: () => workspace.awsEnabled,
      setServiceDiagnostics(uri, diagnostics) {
        const document = workspace.documents.get(uri);
        if (!document) return;
        // Shown beside validation until the next edit of the document.
        extraDiagnostics.set(uri, { version: document.version, diagnostics });
        diagnosticsFeature.revalidateAll();
      },
    });
    awsCodeActions = (uri) => (workspace.imageBuilder(uri) ? aws.codeActions(uri) : []);
    connection.onExecuteCommand((params, token) => aws.execute(params, token));
    connection.onCodeLens((params) => (workspace.imageBuilder(params.textDocument.uri) ? aws.codeLenses(params.textDocument.uri) : []));
  },
};
