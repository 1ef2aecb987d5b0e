/**
 * `textDocument/codeAction`: the service's quick fixes for the diagnostics the client sends
 * back (or, when it sends none of ours, for the diagnostics it was shown there), followed by
 * whatever other providers add (e.g. the AWS source actions): push a provider onto
 * `extraCodeActionProviders` at start-up, no edit here needed.
 */
import {
  CodeActionKind, type CodeAction, type CodeActionParams, type Command, type TextDocumentEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { codeActions } from '../../service/codeActions';
import type { Workspace } from '../workspace';
import { applySettings } from './diagnostics';
import type { Feature } from './feature';

export type CodeActionProvider = (params: CodeActionParams) => Array<CodeAction | Command>;

/** Providers whose actions follow the quick fixes in every answer. */
export const extraCodeActionProviders: CodeActionProvider[] = [];

/** Kinds those providers offer, announced beside `quickfix` (e.g. `source`). */
export const extraCodeActionKinds: string[] = [];

/**
 * The quick fixes for a request, as the server answers them: [] for documents that are not
 * Image Builder documents, unknown or closed documents, and malformed parameters.
 */
export function quickFixes(workspace: Workspace, params: CodeActionParams, versioned = false): CodeAction[] {
  const uri = params?.textDocument?.uri;
  if (typeof uri !== 'string') return [];
  const analysis = workspace.imageBuilder(uri);
  if (!analysis) return [];
  const actions = codeActions(analysis, uri, params.range, params.context?.diagnostics, {
    only: params.context?.only,
    // Codes the settings turn off were never shown, so they get no fixes either.
    available: applySettings(analysis.diagnostics, workspace.settings),
  });
  const version = workspace.documents.get(uri)?.version;
  return versioned && version !== undefined ? actions.map((action) => withVersion(action, uri, version)) : actions;
}

/** Clients that support it get the edit for the document version the fix was computed on, so a stale fix is refused. */
function withVersion(action: CodeAction, uri: string, version: number): CodeAction {
  const edits = action.edit?.changes?.[uri];
  if (!edits) return action;
  const documentChanges: TextDocumentEdit[] = [{ textDocument: { uri, version }, edits }];
  const edit: WorkspaceEdit = { documentChanges };
  return { ...action, edit };
}

export const codeActionsFeature: Feature = {
  capabilities(client) {
    if (!client.textDocument?.codeAction?.codeActionLiteralSupport) return { codeActionProvider: true };
    return { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, ...extraCodeActionKinds], resolveProvider: false } };
  },

  register({ connection, workspace, client }) {
    const versioned = !!client.workspace?.workspaceEdit?.documentChanges;
    connection.onCodeAction((params, token) => {
      const answer: Array<CodeAction | Command> = [];
      try {
        answer.push(...quickFixes(workspace, params, versioned));
      } catch {
        // A bad request gets an empty answer, never a crash.
      }
      for (const provider of extraCodeActionProviders) {
        if (token.isCancellationRequested) break;
        try {
          answer.push(...provider(params));
        } catch {
          // One failing provider does not take the quick fixes with it.
        }
      }
      return token.isCancellationRequested ? [] : answer;
    });
  },
};
