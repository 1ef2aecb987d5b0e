/**
 * `textDocument/completion`: hands the cached analysis to the service's `complete`. Snippet
 * syntax only for clients that announce it; nothing for documents that are not Image Builder
 * documents, unknown URIs or positions outside the text.
 */
import { CompletionTriggerKind, type CompletionList } from 'vscode-languageserver/node';
import { complete, COMPLETION_TRIGGER_CHARACTERS } from '../../service/complete';
import type { Feature } from './feature';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

export const completionFeature: Feature = {
  capabilities: () => ({
    completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: false },
  }),
  register({ connection, workspace, client }) {
    const snippetSupport = !!client.textDocument?.completion?.completionItem?.snippetSupport;
    connection.onCompletion((params, token): CompletionList => {
      if (token.isCancellationRequested) return EMPTY;
      const uri = typeof params?.textDocument?.uri === 'string' ? params.textDocument.uri : '';
      const analysis = workspace.imageBuilder(uri);
      if (!analysis || !params.position) return EMPTY;
      const triggerCharacter = params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? params.context.triggerCharacter : undefined;
      return complete(analysis, params.position, { snippetSupport, triggerCharacter });
    });
  },
};
