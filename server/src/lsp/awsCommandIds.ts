/**
 * The ids of the server's Image Builder commands (a fixed contract with the VS Code client).
 * Kept apart from `awsCommands.ts` so the server can announce them without loading the AWS SDK,
 * which is loaded only when a command or lens first needs it.
 */
export const COMMAND_DRY_RUN = 'imagebuilder.server.dryRun';
export const COMMAND_PUBLISH = 'imagebuilder.server.publish';
export const COMMAND_VERSIONS = 'imagebuilder.server.versions';
export const COMMAND_DISTRIBUTE_IMAGE = 'imagebuilder.server.distributeImage';
export const COMMAND_RETRY_IMAGE = 'imagebuilder.server.retryImage';

export const AWS_COMMANDS: readonly string[] = [COMMAND_DRY_RUN, COMMAND_PUBLISH, COMMAND_VERSIONS, COMMAND_DISTRIBUTE_IMAGE, COMMAND_RETRY_IMAGE];
