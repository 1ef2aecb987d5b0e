/** Dry run: CreateComponent / CreateWorkflow with `dryRun: true`, done by the server. */
import { runServerCommand, SERVER_COMMANDS } from '../awsCommands';
import { awsAllowed } from '../trust';
import { targetDocument, type CommandContext } from './context';

export function dryRun({ ui }: CommandContext) {
  return async (arg?: unknown): Promise<unknown> => {
    if (!awsAllowed(ui, 'Dry run')) return undefined;
    const document = await targetDocument(ui, arg);
    if (!document) return undefined;
    return runServerCommand(ui, SERVER_COMMANDS.dryRun, document.uri.toString());
  };
}
