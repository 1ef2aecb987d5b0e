/** `textDocument/semanticTokens/full` and `/range`: reference parts, declarations and operators. */
import type { SemanticTokens } from 'vscode-languageserver/node';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../../service/semanticTokens';
import type { Feature } from './feature';

const EMPTY: SemanticTokens = { data: [] };

export const semanticTokensFeature: Feature = {
  capabilities: () => ({ semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true } }),
  register({ connection, workspace }) {
    connection.languages.semanticTokens.on((params, token): SemanticTokens => {
      if (token.isCancellationRequested) return EMPTY;
      const analysis = workspace.imageBuilder(typeof params?.textDocument?.uri === 'string' ? params.textDocument.uri : '');
      return analysis ? semanticTokens(analysis) : EMPTY;
    });
    connection.languages.semanticTokens.onRange((params, token): SemanticTokens => {
      if (token.isCancellationRequested) return EMPTY;
      const analysis = workspace.imageBuilder(typeof params?.textDocument?.uri === 'string' ? params.textDocument.uri : '');
      return analysis && params.range ? semanticTokens(analysis, params.range) : EMPTY;
    });
  },
};
