/** Dispatch of the commands that call Image Builder; every failure becomes a message and an exit code. */
import { runCommand, usage, type Output } from './aws';
import { runDistributeImage } from './distribute';
import { runDryRun } from './dryRun';
import { runPublish } from './publish';
import { runRetryImage } from './retry';
import { runVersions } from './versions';

const COMMANDS: Record<string, (args: string[], output: Output) => Promise<number>> = {
  'dry-run': runDryRun,
  publish: runPublish,
  versions: runVersions,
  'distribute-image': runDistributeImage,
  'retry-image': runRetryImage,
};

export function runAwsCommand(command: string, args: string[], output: Output): Promise<number> {
  // The SDK warns on stderr about Node 20 support; this tool pins an SDK that supports it.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const run = COMMANDS[command];
  return runCommand(output, async () => {
    if (!run) throw usage(`unknown command '${command}'`);
    return run(args, output);
  });
}
