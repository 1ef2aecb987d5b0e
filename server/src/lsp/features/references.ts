/** `textDocument/references`: every use of the declaration at the position, the declaration too when asked. */
import type { Location } from 'vscode-languageserver/node';
import { findReferences } from '../../service/findReferences';
import type { Feature } from './feature';

export const referencesFeature: Feature = {
  capabilities: () => ({ referencesProvider: true }),
  register({ connection, workspace }) {
    connection.onReferences((params, token): Location[] => {
      if (token.isCancellationRequested) return [];
      const uri = typeof params?.textDocument?.uri === 'string' ? params.textDocument.uri : '';
      const analysis = workspace.imageBuilder(uri);
      if (!analysis || !params.position) return [];
      return findReferences(analysis, params.position, params.context?.includeDeclaration !== false).map((range) => ({ uri, range }));
    });
  },
};
