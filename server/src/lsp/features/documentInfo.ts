/**
 * `imagebuilder/documentInfo`: what the VS Code status bar shows about a document (kind,
 * platform or workflow type, name and version from the project metadata). No network.
 */
import { DOCUMENT_INFO_REQUEST, type DocumentInfo } from '../protocol';
import type { Feature } from './feature';

export const documentInfoFeature: Feature = {
  capabilities: () => ({}),
  register({ connection, workspace }) {
    connection.onRequest(DOCUMENT_INFO_REQUEST, (params: { uri?: string }): DocumentInfo => {
      const uri = typeof params?.uri === 'string' ? params.uri : '';
      const analysis = workspace.analysis(uri);
      if (!analysis?.isImageBuilder) return { imageBuilder: false };
      const options = analysis.options;
      return {
        imageBuilder: true,
        kind: analysis.kind === 'unknown' ? undefined : analysis.kind,
        platform: analysis.kind === 'component' ? analysis.platform : undefined,
        workflowType: analysis.kind === 'workflow' ? analysis.workflowType : undefined,
        name: options.name,
        version: options.version,
        profile: workspace.settings.profile,
        region: workspace.settings.region,
      };
    });
  },
};
