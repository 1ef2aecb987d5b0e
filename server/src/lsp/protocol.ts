/**
 * The server's own request, shared with the VS Code client so both sides read one definition:
 * `imagebuilder/documentInfo` tells what the server knows about a document (kind, platform or
 * workflow type, name and version from the project metadata, the AWS profile and Region).
 */
export const DOCUMENT_INFO_REQUEST = 'imagebuilder/documentInfo';

export interface DocumentInfo {
  imageBuilder: boolean;
  kind?: 'component' | 'workflow';
  platform?: string;
  workflowType?: string;
  name?: string;
  version?: string;
  /** The AWS profile and Region the server would use, when it knows them. */
  profile?: string;
  region?: string;
}
