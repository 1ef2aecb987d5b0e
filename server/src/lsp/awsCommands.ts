/**
 * Language-server side of the Image Builder calls: `workspace/executeCommand` handlers for dry
 * run, publish, versions, DistributeImage and RetryImage, and the code lenses and source actions
 * that offer them. Nothing here calls AWS unless a command is executed; lenses and actions only
 * read the text and the project metadata. Each command reports progress, can be cancelled,
 * and answers with a plain JSON result (`{ ok: true, message, ... }` or
 * `{ ok: false, errorName, message }`) that is also shown as a message and written to the log.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageType, ShowMessageNotification, type CancellationToken, type CodeAction, type CodeLens, type Connection, type ExecuteCommandParams } from 'vscode-languageserver/node';
import { AwsFailure, connect, type ConnectionOptions, type Gateway } from '../aws/gateway';
import { locateServiceError } from '../aws/locate';
import { distributeImage, dryRun, listVersions, publish, retryImage, sha256, type DistributeImageInput, type PublishPlan } from '../aws/operations';
import { lintErrors, resolveTarget, type DocumentTarget, type MetadataOverrides } from '../aws/target';
import { isVersion, nextVersion, type Bump } from '../aws/versions';
import { MetadataStore, updateDocumentMetadata } from '../project/metadata';
import { readDirectives } from '../service/directives';
import { parse } from '../service/parse';
import { detectKind } from '../service/validate';
import type { Diagnostic } from '../service/types';
import { AWS_COMMANDS, COMMAND_DISTRIBUTE_IMAGE, COMMAND_DRY_RUN, COMMAND_PUBLISH, COMMAND_RETRY_IMAGE, COMMAND_VERSIONS } from './awsCommandIds';

export interface AwsSettings { profile?: string; region?: string; endpoint?: string; platform?: 'Linux' | 'Windows' | 'macOS'; workflowType?: 'BUILD' | 'TEST' | 'DISTRIBUTION' }
export interface AwsHost {
  connection: Connection;                 // window/showMessageRequest (publish confirmation), window/workDoneProgress, showMessage, console log
  text(uri: string): string | undefined;  // current text of an open document
  settings(): AwsSettings;                // section `imagebuilder` as the server holds it
  awsEnabled(): boolean;                  // false in an untrusted VS Code workspace: refuse with an explanation
  setServiceDiagnostics(uri: string, diagnostics: Diagnostic[]): void; // the service's complaint, at the field/line it names
}

// The ids live apart so the server can announce them without loading the AWS SDK.
export { AWS_COMMANDS, COMMAND_DISTRIBUTE_IMAGE, COMMAND_DRY_RUN, COMMAND_PUBLISH, COMMAND_RETRY_IMAGE, COMMAND_VERSIONS };

/** Code of the diagnostic that carries the service's complaint (not a lint rule). */
export const SERVICE_DIAGNOSTIC_CODE = 'image-builder-service';

export type CommandResult =
  | ({ ok: true; message: string } & Record<string, unknown>)
  | { ok: false; errorName: string; message: string };

interface PublishArgs { bump?: Bump; version?: string; force?: boolean }

export function createAwsFeatures(host: AwsHost): {
  execute(params: ExecuteCommandParams, token: CancellationToken): Promise<unknown>;
  codeLenses(uri: string): CodeLens[];
  codeActions(uri: string): CodeAction[];
} {
  const log = host.connection.console;

  /** Runs one command: trust check, progress, cancellation, result as message + log. */
  async function run(title: string, token: CancellationToken, body: (signal: AbortSignal, progress: (m: string) => void) => Promise<CommandResult>, uri?: string): Promise<CommandResult> {
    if (!host.awsEnabled()) {
      return finish({ ok: false, errorName: 'WorkspaceUntrusted', message: `${title}: calls to Image Builder are disabled in an untrusted workspace. Trust the workspace to use them.` }, uri);
    }
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    let reporter: Awaited<ReturnType<Connection['window']['createWorkDoneProgress']>> | undefined;
    try {
      reporter = await host.connection.window.createWorkDoneProgress();
      reporter.begin(title, undefined, 'Starting…', true);
    } catch {
      reporter = undefined;
    }
    const progressCancel = reporter?.token.onCancellationRequested(() => controller.abort());
    try {
      return finish(await body(controller.signal, (message) => reporter?.report(message)), uri);
    } catch (error) {
      return finish(failureResult(error), uri);
    } finally {
      cancel.dispose();
      progressCancel?.dispose();
      reporter?.done();
    }
  }

  function finish(result: CommandResult, uri?: string): CommandResult {
    // A notification (window/showMessage), not showInformationMessage: that one is a request
    // the client would have to answer.
    if (result.ok) {
      log.info(result.message);
      void host.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: result.message });
    } else {
      log.error(`${result.errorName}: ${result.message}`);
      void host.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: result.message });
    }
    if (uri && result.ok) host.setServiceDiagnostics(uri, []);
    return result;
  }

  function documentOf(uri: unknown): { uri: string; text: string; path?: string } {
    if (typeof uri !== 'string') throw new AwsFailure('InvalidArguments', 'The command needs the document URI as its first argument.', 2);
    const path = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    let text = host.text(uri);
    if (text === undefined && path) {
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        // Reported below.
      }
    }
    if (text === undefined) throw new AwsFailure('UnreadableFile', `${uri} is not open and cannot be read.`, 2);
    return { uri, text, path };
  }

  function targetOf(doc: { text: string; path?: string }, extra: MetadataOverrides = {}, purpose: 'create' | 'list' = 'create'): DocumentTarget {
    const settings = host.settings();
    return resolveTarget(doc.text, doc.path, { platform: settings.platform, workflowType: settings.workflowType, ...extra }, purpose);
  }

  async function gatewayFor(target?: Pick<DocumentTarget, 'region' | 'profile'>, extra: { region?: string; profile?: string } = {}): Promise<Gateway> {
    const settings = host.settings();
    const options: ConnectionOptions = {
      region: extra.region ?? settings.region ?? target?.region,
      profile: extra.profile ?? settings.profile ?? target?.profile,
      endpoint: settings.endpoint,
    };
    return connect(options);
  }

  /** Lint errors stop a dry run or publish (nothing sent) unless forced. */
  function refuseLintErrors(target: DocumentTarget, force: boolean | undefined): CommandResult | undefined {
    const errors = lintErrors(target);
    if (!errors.length || force) return undefined;
    return { ok: false, errorName: 'LintErrors', message: `The document has ${errors.length} lint error${errors.length === 1 ? '' : 's'} (first: line ${errors[0].range.start.line + 1}: ${errors[0].message}); nothing was sent to Image Builder.` };
  }

  /** A service complaint about the document, shown at the place it names. */
  function reportServiceError(uri: string, text: string, error: unknown): never {
    if (error instanceof AwsFailure && error.serviceError && error.exitCode === 1 && !['AccessDenied', 'Throttled'].includes(error.errorName)) {
      const place = locateServiceError(text, error.message);
      const note = place.by === 'parameter' ? ` (the request's '${place.parameter}' comes from the settings or .imagebuilder.json)` : '';
      host.setServiceDiagnostics(uri, [{ range: place.range, severity: 'error', code: SERVICE_DIAGNOSTIC_CODE, message: `Image Builder: ${error.message}${note}`, data: { errorName: error.errorName } }]);
    }
    throw error;
  }

  async function withGateway<T>(gateway: Gateway, body: (g: Gateway) => Promise<T>): Promise<T> {
    try {
      return await body(gateway);
    } finally {
      gateway.client.destroy();
    }
  }

  const handlers: Record<string, (args: unknown[], token: CancellationToken) => Promise<CommandResult>> = {
    [COMMAND_DRY_RUN]: async ([uri, options], token) => {
      const doc = documentOf(uri);
      return run('Image Builder dry run', token, async (signal, progress) => {
        const target = targetOf(doc);
        const refused = refuseLintErrors(target, (options as { force?: boolean } | undefined)?.force);
        if (refused) return refused;
        progress(`Dry run of '${target.name}'…`);
        const result = await withGateway(await gatewayFor(target), (g) => dryRun(g, target, signal).catch((e) => reportServiceError(doc.uri, doc.text, e)));
        return { ...result, kind: target.kind, name: target.name };
      }, doc.uri);
    },

    [COMMAND_PUBLISH]: async ([uri, rawOptions], token) => {
      const doc = documentOf(uri);
      const options = (rawOptions ?? {}) as PublishArgs;
      return run('Image Builder publish', token, async (signal, progress) => {
        if (options.bump !== undefined && !['patch', 'minor', 'major'].includes(options.bump)) throw new AwsFailure('InvalidArguments', `bump must be patch, minor or major, not '${String(options.bump)}'.`, 2);
        // Publish records the hash of what it sends beside the file, and CI publishes the file:
        // both must be the same text.
        if (doc.path && readSaved(doc.path) !== doc.text) {
          return { ok: false, errorName: 'UnsavedChanges', message: 'Save the document before publishing: the published text is recorded against the file on disk.' };
        }
        const target = targetOf(doc, options.version !== undefined ? { version: options.version } : {});
        const refused = refuseLintErrors(target, options.force);
        if (refused) return refused;
        const record = doc.path ? (changes: Record<string, unknown>) => updateDocumentMetadata(doc.path!, changes) : undefined;
        const result = await withGateway(await gatewayFor(target), (g) => publish(g, target, { bump: options.bump, force: options.force }, {
          record,
          progress,
          confirm: (plan) => confirmPublish(plan),
        }, signal).catch((e) => reportServiceError(doc.uri, doc.text, e)));
        const message = result.recordError ? `${result.message}. ${result.recordError}` : result.message;
        return { ...result, message, kind: target.kind, name: target.name };
      }, doc.uri);
    },

    [COMMAND_VERSIONS]: async ([uri], token) => {
      const doc = documentOf(uri);
      return run('Image Builder versions', token, async (signal) => {
        const target = targetOf(doc, {}, 'list');
        const listed = await withGateway(await gatewayFor(target), (g) => listVersions(g, target, signal));
        const existing = listed.versions.map((v) => v.version);
        const unchanged = !!target.recorded.version && target.recorded.sha256 === sha256(target.text);
        const next = unchanged ? undefined : nextVersion([...existing, ...(target.recorded.pending ? [target.recorded.pending.version] : [])], target.recorded.version);
        const list = existing.length ? existing.join(', ') : 'none';
        return {
          ok: true,
          name: target.name,
          kind: target.kind,
          versions: listed.versions,
          recorded: target.recorded.version,
          next,
          requests: listed.requests,
          message: `'${target.name}' versions: ${list}. ${next ? `Next publish: ${next}.` : `Unchanged since ${target.recorded.version}: publish would send nothing.`}`,
        };
      }, doc.uri);
    },

    [COMMAND_DISTRIBUTE_IMAGE]: async ([rawInput], token) => {
      return run('Image Builder DistributeImage', token, async (signal) => {
        const input = (rawInput ?? {}) as Partial<DistributeImageInput> & { distributionConfigurationArn?: string; region?: string; profile?: string };
        if (typeof input.sourceImage !== 'string' || typeof input.distributionConfigurationArn !== 'string' || typeof input.executionRole !== 'string') {
          throw new AwsFailure('InvalidArguments', 'distributeImage needs { sourceImage, distributionConfigurationArn, executionRole }.', 2);
        }
        const request: DistributeImageInput = { sourceImage: input.sourceImage, distributionConfigurationArn: input.distributionConfigurationArn, executionRole: input.executionRole, tags: input.tags, logGroup: input.logGroup };
        const result = await withGateway(await gatewayFor(undefined, { region: input.region, profile: input.profile }), (g) => distributeImage(g, request, signal));
        return { ...result };
      });
    },

    [COMMAND_RETRY_IMAGE]: async ([arn], token) => {
      return run('Image Builder RetryImage', token, async (signal) => {
        if (typeof arn !== 'string') throw new AwsFailure('InvalidArguments', 'retryImage needs the image build-version ARN as its argument.', 2);
        const result = await withGateway(await gatewayFor(), (g) => retryImage(g, arn, signal));
        return { ...result };
      });
    },
  };

  async function confirmPublish(plan: PublishPlan): Promise<boolean> {
    const who = plan.account ? `account ${plan.account}${plan.profile ? ` (profile ${plan.profile})` : ''}` : `profile ${plan.profile ?? 'default'} (account not known before sending)`;
    const what = plan.kind === 'component' ? `component '${plan.name}' (${plan.platform})` : `${plan.type} workflow '${plan.name}'`;
    const answer = await host.connection.window.showInformationMessage(
      `Publish ${what} version ${plan.version}${plan.resumed ? ' (resuming an unanswered attempt)' : ''} to ${who} in ${plan.region}?`,
      { title: 'Publish' },
      { title: 'Cancel' },
    );
    return answer?.title === 'Publish';
  }

  return {
    async execute(params, token) {
      const handler = handlers[params.command];
      if (!handler) return { ok: false, errorName: 'UnknownCommand', message: `${params.command} is not an Image Builder command.` };
      try {
        return await handler(params.arguments ?? [], token);
      } catch (error) {
        return finish(failureResult(error));
      }
    },

    codeLenses(uri) {
      const info = documentInfo(host, uri);
      if (!info) return [];
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const publishTitle = info.unchanged ? `Published ${info.recorded} (unchanged)` : `Publish ${info.next}`;
      return [
        { range, command: { title: 'Dry run', command: COMMAND_DRY_RUN, arguments: [uri] } },
        { range, command: { title: publishTitle, command: COMMAND_PUBLISH, arguments: [uri, {}] } },
        { range, command: { title: 'Versions', command: COMMAND_VERSIONS, arguments: [uri] } },
      ];
    },

    codeActions(uri) {
      const info = documentInfo(host, uri);
      if (!info) return [];
      return [
        { title: 'Image Builder: dry run', kind: 'source.imagebuilder.dryRun', command: { title: 'Dry run', command: COMMAND_DRY_RUN, arguments: [uri] } },
        { title: `Image Builder: publish ${info.next}`, kind: 'source.imagebuilder.publish', command: { title: 'Publish', command: COMMAND_PUBLISH, arguments: [uri, {}] } },
      ];
    },
  };
}

function readSaved(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function failureResult(error: unknown): CommandResult {
  if (error instanceof AwsFailure) return { ok: false, errorName: error.errorName, message: error.message };
  return { ok: false, errorName: 'InternalError', message: error instanceof Error ? error.message : String(error) };
}

/**
 * What a lens shows, from the text and the metadata only (no network): whether this is an
 * Image Builder document, the recorded version, and the next one a publish would probably
 * create (the real publish resolves it against the service).
 */
function documentInfo(host: AwsHost, uri: string): { recorded?: string; next: string; unchanged: boolean } | undefined {
  const text = host.text(uri);
  if (text === undefined) return undefined;
  const parsed = parse(text);
  const path = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  const metadata = path ? new MetadataStore().lookup(path).metadata : undefined;
  const directives = readDirectives(text, parsed.lines);
  if (!metadata && !directives.kind && detectKind(parsed.value) === 'unknown') return undefined;
  const recorded = metadata?.version && isVersion(metadata.version) ? metadata.version : undefined;
  const unchanged = !!recorded && metadata?.sha256 === sha256(text);
  const pending = metadata?.pending && metadata.pending.sha256 === sha256(text) ? metadata.pending.version : undefined;
  return { recorded, unchanged, next: pending ?? nextVersion(metadata?.pending ? [metadata.pending.version] : [], recorded) };
}
