/**
 * `textDocument/documentSymbol`: the outline as a tree (DocumentSymbol) for clients that show
 * one, flattened to SymbolInformation with container names for the others.
 */
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver/node';
import { documentSymbols } from '../../service/documentSymbols';
import type { Feature } from './feature';

export const documentSymbolsFeature: Feature = {
  capabilities: () => ({ documentSymbolProvider: { label: 'Image Builder' } }),
  register({ connection, workspace, client }) {
    const hierarchical = !!client.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
    connection.onDocumentSymbol((params, token): DocumentSymbol[] | SymbolInformation[] => {
      if (token.isCancellationRequested) return [];
      const uri = typeof params?.textDocument?.uri === 'string' ? params.textDocument.uri : '';
      const analysis = workspace.imageBuilder(uri);
      if (!analysis) return [];
      const symbols = documentSymbols(analysis);
      return hierarchical ? symbols : flatten(uri, symbols);
    });
  },
};

function flatten(uri: string, symbols: DocumentSymbol[], containerName?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [
    { name: s.name, kind: s.kind, location: { uri, range: s.range }, ...(containerName ? { containerName } : {}) },
    ...flatten(uri, s.children ?? [], s.name),
  ]);
}
