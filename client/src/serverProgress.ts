/**
 * The server's progress (`window/workDoneProgress`, which it creates for each AWS call) as a
 * notification with a Cancel button, rather than vscode-languageclient's default status bar
 * entry: an AWS call is something the user asked for and waits on. Cancel is passed back to
 * the server (`window/workDoneProgress/cancel`), which aborts the call.
 */
import type * as vscode from 'vscode';
import {
  State, WorkDoneProgress, WorkDoneProgressCancelNotification, WorkDoneProgressCreateRequest, type LanguageClient, type ProgressToken,
} from 'vscode-languageclient/node';
import type { Ui } from './ui';

export function showServerProgress(client: LanguageClient, ui: Ui): vscode.Disposable {
  // Registered once the client runs (and again after a restart), replacing the default handler.
  const register = () => client.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => follow(client, ui, token));
  let registration = client.isRunning() ? register() : undefined;
  const stateChanges = client.onDidChangeState(({ newState }) => {
    if (newState === State.Running) {
      registration?.dispose();
      registration = register();
    }
  });
  return { dispose: () => { registration?.dispose(); stateChanges.dispose(); } };
}

function follow(client: LanguageClient, ui: Ui, token: ProgressToken): void {
  let report: ((message: string) => void) | undefined;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const subscription = client.onProgress(WorkDoneProgress.type, token, (value) => {
    if (value.kind === 'begin') {
      void ui.progress(value.title, (progress, cancellation) => {
        report = progress;
        if (value.message) progress(value.message);
        cancellation.onCancellationRequested(() => void client.sendNotification(WorkDoneProgressCancelNotification.type, { token }));
        return finished;
      }, value.cancellable === true);
    } else if (value.kind === 'report') {
      if (value.message) report?.(value.message);
    } else {
      subscription.dispose();
      finish();
    }
  });
}
