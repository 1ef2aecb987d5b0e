/**
 * The one place that shows messages and progress to the user. It also keeps the most recent
 * ones, which the extension exports (`api.notifications`) so other extensions and the tests
 * can see exactly what was shown.
 */
import * as vscode from 'vscode';

export interface Shown {
  severity: 'information' | 'warning' | 'error' | 'progress';
  message: string;
}

const HISTORY = 50;

export class Ui {
  readonly shown: Shown[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {}

  info(message: string, ...actions: string[]): Thenable<string | undefined> {
    this.remember('information', message);
    this.log.info(message);
    return vscode.window.showInformationMessage(message, ...actions);
  }

  warn(message: string, ...actions: string[]): Thenable<string | undefined> {
    this.remember('warning', message);
    this.log.warn(message);
    return vscode.window.showWarningMessage(message, ...actions);
  }

  /** Errors offer the log, where the details are. */
  error(message: string): void {
    this.remember('error', message);
    this.log.error(message);
    void vscode.window.showErrorMessage(message, 'Show Log').then((choice) => {
      if (choice) this.log.show(true);
    });
  }

  /** A notification with a spinner for as long as `task` runs (and a Cancel button if asked). */
  progress<T>(title: string, task: (report: (message: string) => void, cancellation: vscode.CancellationToken) => Promise<T>, cancellable = false): Thenable<T> {
    this.remember('progress', title);
    this.log.info(`${title}…`);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable }, (progress, cancellation) =>
      task((message) => {
        this.remember('progress', `${title}: ${message}`);
        this.log.info(`${title}: ${message}`);
        progress.report({ message });
      }, cancellation),
    );
  }

  /** Logs what the server showed the user itself, so the history and the log have it too. */
  record(severity: 'information' | 'error', message: string): void {
    this.remember(severity, message);
    if (severity === 'error') this.log.error(message);
    else this.log.info(message);
  }

  private remember(severity: Shown['severity'], message: string): void {
    this.shown.push({ severity, message });
    if (this.shown.length > HISTORY) this.shown.shift();
  }
}
