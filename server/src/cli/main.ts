/**
 * The `imagebuilder-yaml` command. A thin adapter: parses arguments, calls the command, and
 * turns every failure into a message and exit code 2 rather than a stack trace.
 */
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { lint } from './lint';
import type { Platform, WorkflowType } from '../service/types';

const VERSION = '0.1.0';

const USAGE = `Usage:
  imagebuilder-yaml lint [--format text|json|sarif] [--platform Linux|Windows|macOS]
                         [--workflow-type BUILD|TEST|DISTRIBUTION] [--kind component|workflow]
                         <file-or-directory>...
  imagebuilder-yaml dry-run <file> [--force] [metadata flags] [AWS flags]
  imagebuilder-yaml publish <file> [--bump patch|minor|major] [--force] [metadata flags] [AWS flags]
  imagebuilder-yaml versions <file> [metadata flags] [AWS flags]
  imagebuilder-yaml distribute-image --source-image ARN --distribution-configuration ARN
                         --execution-role ARN [--tag KEY=VALUE]... [--log-group NAME] [AWS flags]
  imagebuilder-yaml retry-image <image-build-version-arn> [AWS flags]
  imagebuilder-yaml lsp [--stdio] [--clientProcessId=N]   the language server, over stdio
  imagebuilder-yaml --version

  metadata flags: --name N --version X.Y.Z --platform P --workflow-type T --description D
  AWS flags:      --region R --profile P --endpoint URL

Exit codes: 0 no errors (lint) or the call succeeded (a dry run that Image Builder accepts);
1 errors found, or Image Builder refused the request; 2 bad usage, unreadable file, no
credentials or Region, or the endpoint cannot be reached.
Project metadata (.imagebuilder.json) and '# imagebuilder: platform=... type=...' comments
supply the platform and workflow type when no flag does.
`;

const PLATFORMS: Record<string, Platform> = { linux: 'Linux', windows: 'Windows', macos: 'macOS' };
const TYPES: WorkflowType[] = ['BUILD', 'TEST', 'DISTRIBUTION'];

class UsageError extends Error {}

/** AWS commands run asynchronously, so `main` returns a Promise for them. */
const AWS_COMMANDS = new Set(['dry-run', 'publish', 'versions', 'distribute-image', 'retry-image']);

export function main(argv: string[], stdout = (t: string) => void process.stdout.write(t), stderr = (t: string) => void process.stderr.write(t)): number | Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === '--version' || command === '-v') {
      stdout(`${VERSION}\n`);
      return 0;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      (command === undefined ? stderr : stdout)(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === 'lint') return runLint(rest, stdout, stderr);
    if (command === 'lsp') {
      // `--stdio` is what editors pass; stdio is the only transport, so it is accepted and implied.
      // vscode-languageclient adds `--clientProcessId=N`: the server exits when that process is gone.
      const unknown = lspUnknownArguments(rest);
      if (unknown.length) throw new UsageError(`lsp takes --stdio and --clientProcessId=N, not '${unknown.join(' ')}'`);
      // An editor keeps the server for hours: a heap that collects sooner keeps it small (with
      // 100 open 1,000-line documents, about 120 MB resident instead of 190).
      setFlagsFromString('--optimize-for-size');
      // Loaded only here, so `lint` does not pay for the language server's modules at start-up.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('../lsp/server') as typeof import('../lsp/server')).startServer();
      return -1;
    }
    if (AWS_COMMANDS.has(command)) {
      // Loaded only here, so `lint` does not pay for the AWS SDK at start-up.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require('./awsMain') as typeof import('./awsMain')).runAwsCommand(command, rest, { stdout, stderr });
    }
    throw new UsageError(`unknown command '${command}'`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      stderr(`imagebuilder-yaml: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    stderr(`imagebuilder-yaml: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return 2;
  }
}

/** Arguments of `lsp` that no LSP client passes; the rest is read by vscode-languageserver itself. */
export function lspUnknownArguments(args: string[]): string[] {
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--stdio' || /^--clientProcessId=\d+$/.test(arg)) continue;
    if (arg === '--clientProcessId' && /^\d+$/.test(args[i + 1] ?? '')) {
      i++;
      continue;
    }
    unknown.push(arg);
  }
  return unknown;
}

function runLint(args: string[], stdout: (t: string) => void, stderr: (t: string) => void): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      platform: { type: 'string' },
      'workflow-type': { type: 'string' },
      kind: { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
    },
  });
  const format = values.format as string;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
  const platform = values.platform === undefined ? undefined : PLATFORMS[String(values.platform).toLowerCase()];
  if (values.platform !== undefined && !platform) throw new UsageError(`--platform must be Linux, Windows or macOS, not '${values.platform}'`);
  const workflowType = values['workflow-type'] === undefined ? undefined : (String(values['workflow-type']).toUpperCase() as WorkflowType);
  if (workflowType !== undefined && !TYPES.includes(workflowType)) throw new UsageError(`--workflow-type must be BUILD, TEST or DISTRIBUTION, not '${values['workflow-type']}'`);
  const kind = values.kind as string | undefined;
  if (kind !== undefined && kind !== 'component' && kind !== 'workflow') throw new UsageError(`--kind must be component or workflow, not '${kind}'`);
  if (positionals.length === 0) throw new UsageError('lint needs at least one file or directory');
  const color = values['no-color'] ? false : values.color ?? (Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
  return lint({ format: format as 'text' | 'json' | 'sarif', platform, workflowType, kind: kind as 'component' | 'workflow' | undefined, paths: positionals, color, version: VERSION }, { stdout, stderr });
}

if (require.main === module) {
  // -1: a long-running command (the language server) that ends on its own.
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}
