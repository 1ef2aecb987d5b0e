/**
 * `textDocument/hover`: the service's Markdown hover for Image Builder documents; nothing for
 * other YAML, unknown URIs or positions outside the text.
 */
import type { Hover } from 'vscode-languageserver/node';
import { hover } from '../../service/hover';
import type { Feature } from './feature';

export const hoverFeature: Feature = {
  capabilities: () => ({ hoverProvider: true }),
  register({ connection, workspace }) {
    connection.onHover((params, token): Hover | null => {
      if (token.isCancellationRequested) return null;
      const analysis = workspace.imageBuilder(typeof params?.textDocument?.uri === 'string' ? params.textDocument.uri : '');
      return analysis && params.position ? hover(analysis, params.position) : null;
    });
  },
};
