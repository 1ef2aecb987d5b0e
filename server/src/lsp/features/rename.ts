/**
 * `textDocument/prepareRename` and `textDocument/rename`. A refusal (something that cannot be
 * renamed, an invalid new name) is an error response whose message the editor shows.
 */
import { LSPErrorCodes, ResponseError, type WorkspaceEdit } from 'vscode-languageserver/node';
import { prepareRename, rename } from '../../service/rename';
import type { Feature } from './feature';

export const renameFeature: Feature = {
  capabilities: (client) => ({ renameProvider: client.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true }),
  register({ connection, workspace }) {
    connection.onPrepareRename((params) => {
      const analysis = workspace.imageBuilder(typeof params?.textDocument?.uri === 'string' ? params.textDocument.uri : '');
      if (!analysis || !params.position) return null;
      const result = prepareRename(analysis, params.position);
      if ('refused' in result) throw new ResponseError(LSPErrorCodes.RequestFailed, result.refused);
      return result;
    });
    connection.onRenameRequest((params): WorkspaceEdit | null => {
      const uri = typeof params?.textDocument?.uri === 'string' ? params.textDocument.uri : '';
      const analysis = workspace.imageBuilder(uri);
      if (!analysis || !params.position || typeof params.newName !== 'string') return null;
      const edits = rename(analysis, params.position, params.newName);
      if (!Array.isArray(edits)) throw new ResponseError(LSPErrorCodes.RequestFailed, edits.refused);
      const version = workspace.documents.get(uri)?.version;
      // Versioned edits, so a client applies them only to the text they were computed for.
      return version !== undefined ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
    });
  },
};
