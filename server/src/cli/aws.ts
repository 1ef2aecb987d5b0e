/**
 * Shared plumbing of the commands that call Image Builder (dry-run, publish, versions,
 * distribute-image, retry-image): the AWS and metadata flags of design.md section 3, reading the
 * document, printing failures with the exit codes. Loaded only for these commands, so `lint`
 * never pays for the AWS SDK at start-up.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { updateDocumentMetadata } from '../project/metadata';
import { AwsFailure, connect, type ConnectionOptions, type Gateway } from '../aws/gateway';
import { locateServiceError } from '../aws/locate';
import { lintErrors, resolveTarget, type DocumentTarget, type MetadataOverrides } from '../aws/target';
import type { Platform, WorkflowType } from '../service/types';
import { toText } from './report';

export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const AWS_OPTIONS = {
  region: { type: 'string' },
  profile: { type: 'string' },
  endpoint: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const METADATA_OPTIONS = {
  name: { type: 'string' },
  version: { type: 'string' },
  platform: { type: 'string' },
  'workflow-type': { type: 'string' },
  description: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

const PLATFORMS: Record<string, Platform> = { linux: 'Linux', windows: 'Windows', macos: 'macOS' };
const TYPES: Record<string, WorkflowType> = { build: 'BUILD', test: 'TEST', distribution: 'DISTRIBUTION' };

export function usage(message: string): AwsFailure {
  return new AwsFailure('Usage', `${message} (see imagebuilder-yaml --help)`, 2);
}

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage((error as Error).message);
  }
}

export function metadataOverrides(values: Record<string, unknown>): MetadataOverrides {
  const overrides: MetadataOverrides = {};
  if (typeof values.name === 'string') overrides.name = values.name;
  if (typeof values.version === 'string') overrides.version = values.version;
  if (typeof values.description === 'string') overrides.description = values.description;
  if (typeof values.platform === 'string') {
    overrides.platform = PLATFORMS[values.platform.toLowerCase()];
    if (!overrides.platform) throw usage(`--platform must be Linux, Windows or macOS, not '${values.platform}'`);
  }
  if (typeof values['workflow-type'] === 'string') {
    overrides.workflowType = TYPES[values['workflow-type'].toLowerCase()];
    if (!overrides.workflowType) throw usage(`--workflow-type must be BUILD, TEST or DISTRIBUTION, not '${values['workflow-type']}'`);
  }
  return overrides;
}

export function connectionOptions(values: Record<string, unknown>, target?: Pick<DocumentTarget, 'region' | 'profile'>): ConnectionOptions {
  return {
    region: (values.region as string | undefined) ?? target?.region,
    profile: (values.profile as string | undefined) ?? target?.profile,
    endpoint: values.endpoint as string | undefined,
  };
}

export function onePositional(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw usage(`${what}${positionals.length ? `, not ${positionals.length} arguments` : ''}`);
  return positionals[0];
}

export function readDocument(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AwsFailure('UnreadableFile', code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${code ?? String(error)})`, 2);
  }
}

/**
 * Reads the document and its metadata, and lints it. Lint errors stop the command (exit 1,
 * nothing sent) unless `force`; then they are shown and the command goes on.
 */
export function prepareDocument(path: string, overrides: MetadataOverrides, force: boolean, output: Output, purpose: 'create' | 'list' = 'create'): DocumentTarget | number {
  const text = readDocument(path);
  const target = resolveTarget(text, path, overrides, purpose);
  for (const warning of target.warnings) output.stderr(`imagebuilder-yaml: warning: ${warning}\n`);
  if (purpose === 'list') return target;
  const errors = lintErrors(target);
  if (errors.length) {
    output.stderr(toText([{ path, kind: target.kind, diagnostics: errors }], false));
    if (!force) {
      output.stderr(`imagebuilder-yaml: ${path} has lint errors; nothing was sent to Image Builder. Fix them, or pass --force to send it anyway.\n`);
      return 1;
    }
    output.stderr('imagebuilder-yaml: --force: sending it despite the lint errors.\n');
  }
  return target;
}

/** Records publish results next to the document (the metadata file, created when missing). */
export function recorder(path: string): (changes: Record<string, unknown>) => string {
  return (changes) => updateDocumentMetadata(path, changes);
}

/** Connects, runs, always releases the client's sockets. */
export async function withGateway<T>(options: ConnectionOptions, run: (gateway: Gateway) => Promise<T>): Promise<T> {
  const gateway = await connect(options);
  try {
    return await run(gateway);
  } finally {
    gateway.client.destroy();
  }
}

/** Prints a failure; a service complaint about the document is shown at the line it names. */
export function reportFailure(error: unknown, output: Output, document?: { path: string; text: string }): number {
  if (!(error instanceof AwsFailure)) {
    output.stderr(`imagebuilder-yaml: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return 2;
  }
  if (document && error.serviceError && error.exitCode === 1 && !['AccessDenied', 'Throttled'].includes(error.errorName)) {
    const place = locateServiceError(document.text, error.message);
    const from = place.by === 'parameter' ? ` (the request's '${place.parameter}' comes from the flags or .imagebuilder.json)` : '';
    output.stderr(`${document.path}:${place.range.start.line + 1}:${place.range.start.character + 1} error ${error.errorName} ${error.message}${from}\n`);
  } else {
    output.stderr(`imagebuilder-yaml: ${error.message}\n`);
  }
  return error.exitCode;
}

export function runCommand(output: Output, body: () => Promise<number>): Promise<number> {
  return body().catch((error) => reportFailure(error, output));
}
