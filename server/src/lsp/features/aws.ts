/**
 * Dry run, publish and the other Image Builder calls as `workspace/executeCommand` commands,
 * offered as code lenses at the top of Image Builder documents. The commands live in
 * `../awsCommands.ts`, loaded (with the AWS SDK) the first time a command or lens needs them,
 * so the server starts without the SDK. Lenses never call AWS.
 */
import type { CodeAction } from 'vscode-languageserver/node';
import { AWS_COMMANDS } from '../awsCommandIds';
import type { createAwsFeatures } from '../awsCommands';
import { extraCodeActionKinds, extraCodeActionProviders } from './codeActions';
import { diagnosticsFeature, extraDiagnostics } from './diagnostics';
import type { Feature } from './feature';

/** The AWS source actions, appended to the quick fixes (set when the server starts). */
let awsCodeActions: ((uri: string) => CodeAction[]) | undefined;
// Announced in `initialize`, before any feature registers its handlers.
extraCodeActionKinds.push('source');
// Source actions are listed when the client asks for them (VS Code's "Source Action..." menu),
// not in every light bulb beside the quick fixes.
extraCodeActionProviders.push((params) => {
  const only = Array.isArray(params.context?.only) ? params.context.only : [];
  const wanted = only.some((kind) => typeof kind === 'string' && (kind === 'source' || kind.startsWith('source.imagebuilder')));
  return wanted ? awsCodeActions?.(params.textDocument.uri) ?? [] : [];
});

export const awsFeature: Feature = {
  capabilities: () => ({
    executeCommandProvider: { commands: [...AWS_COMMANDS] },
    codeLensProvider: { resolveProvider: false },
  }),
  register({ connection, workspace }) {
    let aws: ReturnType<typeof createAwsFeatures> | undefined;
    const load = () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      aws ??= (require('../awsCommands') as typeof import('../awsCommands')).createAwsFeatures({
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
      return aws;
    };
    awsCodeActions = (uri) => (workspace.imageBuilder(uri) ? load().codeActions(uri) : []);
    connection.onExecuteCommand((params, token) => load().execute(params, token));
    connection.onCodeLens((params) => (workspace.imageBuilder(params.textDocument.uri) ? load().codeLenses(params.textDocument.uri) : []));
  },
};
