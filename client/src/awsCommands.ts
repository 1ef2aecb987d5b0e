/**
 * The server's AWS commands (`imagebuilder.server.*`), however they are invoked (our palette
 * commands, the server's code lenses, another extension): refused with an explanation in an
 * untrusted workspace, and run under a progress notification that can be cancelled. The server
 * does the work, asks for confirmation, reports its steps (window/workDoneProgress, in the
 * status bar) and shows the `{ ok, message }` result itself (window/showMessage), so the client
 * only adds what the server cannot: the notification while the call runs.
 */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { awsAllowed } from './trust';
import type { Ui } from './ui';

export const SERVER_COMMANDS = {
  dryRun: 'imagebuilder.server.dryRun',
  publish: 'imagebuilder.server.publish',
  versions: 'imagebuilder.server.versions',
  distributeImage: 'imagebuilder.server.distributeImage',
  retryImage: 'imagebuilder.server.retryImage',
} as const;

const TITLES: Record<string, string> = {
  [SERVER_COMMANDS.dryRun]: 'Image Builder: dry run',
  [SERVER_COMMANDS.publish]: 'Image Builder: publish',
  [SERVER_COMMANDS.versions]: 'Image Builder: versions',
  [SERVER_COMMANDS.distributeImage]: 'Image Builder: distribute image',
  [SERVER_COMMANDS.retryImage]: 'Image Builder: retry image',
};

/** What every server command returns. */
export interface CommandResult {
  ok: boolean;
  message: string;
  [field: string]: unknown;
}

export function awsCommandMiddleware(ui: Ui): Middleware['executeCommand'] {
  return async (command, args, next) => {
    const title = TITLES[command];
    if (!title) return next(command, args);
    if (!awsAllowed(ui, title)) return { ok: false, message: 'Not run: the workspace is not trusted.' } satisfies CommandResult;
    const subject = describe(args[0]);
    return ui.progress(subject ? `${title} of ${subject}` : title, async () => {
      try {
        const result = (await next(command, args)) as CommandResult | undefined;
        if (!result || typeof result.message !== 'string') ui.error(`${title}: the language server gave no result.`);
        else log(ui, title, result);
        return result;
      } catch (error) {
        ui.error(`${title} failed: ${error instanceof Error ? error.message : String(error)}`);
        return { ok: false, message: String(error) } satisfies CommandResult;
      }
    });
  };
}

/** The result in our log, beside the server's own lines (the server shows it to the user). */
function log(ui: Ui, title: string, result: CommandResult): void {
  ui.record(result.ok ? 'information' : 'error', `${title}: ${result.message}`);
}

/** The file name of a document argument, for the notification title. */
function describe(arg: unknown): string | undefined {
  if (typeof arg !== 'string' || !/^[a-z][\w+.-]*:/i.test(arg)) return undefined;
  return vscode.Uri.parse(arg).path.split('/').pop();
}

/** Runs a server command, or explains that this server does not offer it. */
export async function runServerCommand(ui: Ui, command: string, ...args: unknown[]): Promise<CommandResult | undefined> {
  if (!(await vscode.commands.getCommands(true)).includes(command)) {
    ui.error(`The language server does not offer ${command} (yet); see the log for the server's version.`);
    return undefined;
  }
  return vscode.commands.executeCommand<CommandResult>(command, ...args);
}
