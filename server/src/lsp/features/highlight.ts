/** `textDocument/documentHighlight`: the declaration under the cursor (Write) and its uses (Read). */
import type { DocumentHighlight } from 'vscode-languageserver/node';
import { documentHighlights } from '../../service/highlight';
import type { Feature } from './feature';

export const highlightFeature: Feature = {
  capabilities: () => ({ documentHighlightProvider: true }),
  register({ connection, workspace }) {
    connection.onDocumentHighlight((params, token): DocumentHighlight[] => {
      if (token.isCancellationRequested) return [];
      const analysis = workspace.imageBuilder(typeof params?.textDocument?.uri === 'string' ? params.textDocument.uri : '');
      return analysis && params.position ? documentHighlights(analysis, params.position) : [];
    });
  },
};
