/** `textDocument/foldingRange`: the service's ranges, cut to the client's `rangeLimit`. */
import type { FoldingRange } from 'vscode-languageserver/node';
import { foldingRanges } from '../../service/folding';
import type { Feature } from './feature';

export const foldingFeature: Feature = {
  capabilities: () => ({ foldingRangeProvider: true }),
  register({ connection, workspace, client }) {
    const limit = client.textDocument?.foldingRange?.rangeLimit;
    connection.onFoldingRanges((params, token): FoldingRange[] => {
      if (token.isCancellationRequested) return [];
      const analysis = workspace.imageBuilder(typeof params?.textDocument?.uri === 'string' ? params.textDocument.uri : '');
      if (!analysis) return [];
      const ranges = foldingRanges(analysis);
      return typeof limit === 'number' && limit >= 0 ? ranges.slice(0, limit) : ranges;
    });
  },
};
