/**
 * `textDocument/hover`: the service's Markdown hover for Image Builder documents, standalone or
 * embedded in a CloudFormation template or Terraform file; nothing for other YAML, unknown URIs
 * or positions outside the text.
 */
import type { Hover } from 'vscode-languageserver/node';
import { hover } from '../../service/hover';
import { targetAt } from '../target';
import type { Feature } from './feature';

export const hoverFeature: Feature = {
  capabilities: () => ({ hoverProvider: true }),
  register({ connection, workspace }) {
    connection.onHover((params, token): Hover | null => {
      if (token.isCancellationRequested) return null;
      const target = targetAt(workspace, typeof params?.textDocument?.uri === 'string' ? params.textDocument.uri : '', params?.position);
      if (!target) return null;
      const answer = hover(target.analysis, target.position);
      if (!answer) return null;
      return answer.range ? { ...answer, range: target.toHost(answer.range) } : answer;
    });
  },
};
