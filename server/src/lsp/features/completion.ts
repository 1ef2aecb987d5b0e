/**
 * `textDocument/completion`: hands the cached analysis to the service's `complete`. Snippet
 * syntax only for clients that announce it; nothing for documents that are not Image Builder
 * documents, unknown URIs or positions outside the text.
 */
import { CompletionTriggerKind, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver/node';
import { complete, COMPLETION_TRIGGER_CHARACTERS } from '../../service/complete';
import { targetAt, type RequestTarget } from '../target';
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
      if (!params.position) return EMPTY;
      // A standalone document, or one embedded in a CloudFormation template or Terraform file.
      const target = targetAt(workspace, uri, params.position);
      if (!target) return EMPTY;
      const triggerCharacter = params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? params.context.triggerCharacter : undefined;
      const list = complete(target.analysis, target.position, { snippetSupport, triggerCharacter });
      return target.embedded ? { ...list, items: list.items.map((item) => toHost(item, target)) } : list;
    });
  },
};

/** An item computed in an embedded document, with its edits moved and re-indented for the host. */
function toHost(item: CompletionItem, target: RequestTarget): CompletionItem {
  const edit = (e: TextEdit): TextEdit => ({ range: target.toHost(e.range), newText: target.toHostText(e.newText) });
  const mapped: CompletionItem = { ...item };
  if (item.textEdit && 'range' in item.textEdit) mapped.textEdit = edit(item.textEdit);
  else if (item.textEdit && 'insert' in item.textEdit) {
    mapped.textEdit = { newText: target.toHostText(item.textEdit.newText), insert: target.toHost(item.textEdit.insert), replace: target.toHost(item.textEdit.replace) };
  }
  if (item.insertText) mapped.insertText = target.toHostText(item.insertText);
  if (item.additionalTextEdits) mapped.additionalTextEdits = item.additionalTextEdits.map(edit);
  return mapped;
}
