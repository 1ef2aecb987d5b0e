/**
 * `textDocument/definition`: links from a reference part to the declaration it names, as
 * LocationLinks (origin = the clicked part) for clients that take them, Locations otherwise.
 */
import type { Location, LocationLink } from 'vscode-languageserver/node';
import { definition } from '../../service/definition';
import type { Feature } from './feature';

export const definitionFeature: Feature = {
  capabilities: () => ({ definitionProvider: true }),
  register({ connection, workspace, client }) {
    const linkSupport = !!client.textDocument?.definition?.linkSupport;
    connection.onDefinition((params, token): Location[] | LocationLink[] => {
      if (token.isCancellationRequested) return [];
      const uri = typeof params?.textDocument?.uri === 'string' ? params.textDocument.uri : '';
      const analysis = workspace.imageBuilder(uri);
      if (!analysis || !params.position) return [];
      const targets = definition(analysis, params.position);
      return linkSupport
        ? targets.map((t) => ({ targetUri: uri, ...t }))
        : targets.map((t) => ({ uri, range: t.targetSelectionRange }));
    });
  },
};
