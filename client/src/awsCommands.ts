/**
 * The server's AWS commands (`imagebuilder.server.*`), however they are invoked (our palette
 * commands, the server's code lenses, another extension): refused with an explanation in an
 * untrusted workspace. The server does the rest: it asks for confirmation, reports progress
 * (shown as a notification, see serverProgress.ts) and shows its `{ ok, message }` result
 * itself (window/showMessage); the client adds the result to its log.
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
    try {
      const result = (await next(command, args)) as CommandResult | undefined;
      if (!result || typeof result.message !== 'string') ui.error(`${title}: the language server gave no result.`);
      else ui.record(result.ok ? 'information' : 'error', `${title}: ${result.message}`);
      return result;
    } catch (error) {
      ui.error(`${title} failed: ${error instanceof Error ? error.message : String(error)}`);
      return { ok: false, message: String(error) } satisfies CommandResult;
    }
  };
}

/** Runs a server command, or explains that this server does not offer it. */
export async function runServerCommand(ui: Ui, command: string, ...args: unknown[]): Promise<CommandResult | undefined> {
  if (!(await vscode.commands.getCommands(true)).includes(command)) {
    ui.error(`The language server does not offer ${command} (yet); see the log for the server's version.`);
    return undefined;
  }
  return vscode.commands.executeCommand<CommandResult>(command, ...args);
}
