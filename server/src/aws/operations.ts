/**
 * The Image Builder operations this tool performs: dry run, version listing, publish,
 * DistributeImage and RetryImage. Each takes a connected gateway (so tests point it at a local
 * endpoint) and an optional AbortSignal, and returns plain results or throws AwsFailure.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  CreateComponentCommand,
  CreateWorkflowCommand,
  DistributeImageCommand,
  DryRunOperationException,
  ListComponentsCommand,
  ListWorkflowsCommand,
  RetryImageCommand,
  type LatestVersionReferences,
} from '@aws-sdk/client-imagebuilder';
import { AwsFailure, classifyError, operationSignal, type Gateway } from './gateway';
import type { DocumentTarget } from './target';
import { compareVersions, isVersion, nextVersion, normalizeName, parseArn, type Bump } from './versions';

export interface Counted {
  /** HTTP requests sent, retries included. */
  requests: number;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Sends one command with the operation time limit and cancellation; counts attempts. */
async function send<T>(gateway: Gateway, command: { input: unknown }, operation: string, counter: Counted, signal?: AbortSignal): Promise<T> {
  const abortSignal = operationSignal(gateway, signal);
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const output = await gateway.client.send(command as any, { abortSignal }) as T & { $metadata?: { attempts?: number } };
    counter.requests += output.$metadata?.attempts ?? 1;
    return output;
  } catch (error) {
    counter.requests += (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
    if (abortSignal.aborted && !signal?.aborted) {
      throw new AwsFailure('Timeout', `${operation} got no answer within ${Math.round(gateway.operationTimeoutMs / 1000)} s from ${gateway.endpoint ?? `imagebuilder.${gateway.region}.amazonaws.com`}.`, 2);
    }
    if (signal?.aborted) throw new AwsFailure('Cancelled', `${operation} was cancelled.`, 1);
    throw error;
  }
}

function createInput(target: DocumentTarget, version: string, clientToken: string, dryRun: boolean) {
  const common = {
    name: target.name,
    semanticVersion: version,
    description: target.description,
    changeDescription: target.changeDescription,
    data: target.text,
    kmsKeyId: target.kmsKeyId,
    tags: target.tags,
    clientToken,
    ...(dryRun ? { dryRun: true } : {}),
  };
  return target.kind === 'component'
    ? new CreateComponentCommand({ ...common, platform: target.platform!, supportedOsVersions: target.supportedOsVersions })
    : new CreateWorkflowCommand({ ...common, type: target.type! });
}

export interface DryRunResult extends Counted {
  ok: true;
  version: string;
  message: string;
}

/**
 * CreateComponent / CreateWorkflow with `dryRun: true`. The service answers a valid request with
 * DryRunOperationException (HTTP 412): that is the success. The version sent is --version, or
 * the next patch after the recorded one (no list call: a dry run is one request).
 */
export async function dryRun(gateway: Gateway, target: DocumentTarget, signal?: AbortSignal): Promise<DryRunResult> {
  const version = target.requestedVersion ?? nextVersion([], target.recorded.version, 'patch');
  const operation = target.kind === 'component' ? 'CreateComponent' : 'CreateWorkflow';
  const counter: Counted = { requests: 0 };
  try {
    await send(gateway, createInput(target, version, randomUUID(), true), operation, counter, signal);
  } catch (error) {
    if (error instanceof DryRunOperationException || (error as Error).name === 'DryRunOperationException') {
      return { ok: true, version, requests: counter.requests, message: `Dry run passed: Image Builder would accept ${target.kind} '${target.name}' ${version}${target.type ? ` (${target.type})` : ''} in ${gateway.region}. Nothing was created.` };
    }
    throw classifyError(error, operation, gateway);
  }
  // The service never answers a dry run with success; an endpoint that does may have created it.
  throw new AwsFailure('UnexpectedSuccess', `${operation} with dryRun answered success instead of DryRunOperationException: the endpoint may have created '${target.name}' ${version}. Check it with \`imagebuilder-yaml versions\`.`, 1);
}

export interface PublishedVersion {
  version: string;
  arn?: string;
  dateCreated?: string;
}

export interface VersionList extends Counted {
  versions: PublishedVersion[];
  pages: number;
}

/** Every version of this name owned by the account: all pages of ListComponents / ListWorkflows. */
export async function listVersions(gateway: Gateway, target: Pick<DocumentTarget, 'kind' | 'name' | 'type'>, signal?: AbortSignal, counter: Counted = { requests: 0 }): Promise<VersionList> {
  const operation = target.kind === 'component' ? 'ListComponents' : 'ListWorkflows';
  const wanted = normalizeName(target.name);
  const resource = target.kind === 'component' ? 'component' : `workflow/${(target.type ?? '').toLowerCase()}`;
  const versions = new Map<string, PublishedVersion>();
  let nextToken: string | undefined;
  let pages = 0;
  const seenTokens = new Set<string>();
  do {
    const input = { owner: 'Self' as const, filters: [{ name: 'name', values: [target.name] }], maxResults: 25, nextToken };
    let items: Array<{ name?: string; version?: string; arn?: string; dateCreated?: string; type?: string }>;
    try {
      if (target.kind === 'component') {
        const out = await send<{ componentVersionList?: typeof items; nextToken?: string }>(gateway, new ListComponentsCommand(input), operation, counter, signal);
        items = out.componentVersionList ?? [];
        nextToken = out.nextToken || undefined;
      } else {
        const out = await send<{ workflowVersionList?: typeof items; nextToken?: string }>(gateway, new ListWorkflowsCommand(input), operation, counter, signal);
        items = out.workflowVersionList ?? [];
        nextToken = out.nextToken || undefined;
      }
    } catch (error) {
      throw classifyError(error, operation, gateway);
    }
    pages++;
    // The name filter may match more loosely than Image Builder's own name identity; the
    // workflow type is part of a workflow's identity (its ARN).
    for (const item of items) {
      if (!item.version || !isVersion(item.version)) continue;
      const arn = item.arn ? parseArn(item.arn) : undefined;
      const sameName = arn ? arn.name === wanted : normalizeName(item.name ?? '') === wanted;
      if (!sameName || (arn && arn.resource !== resource)) continue;
      if (!arn && target.kind === 'workflow' && item.type && item.type !== target.type) continue;
      versions.set(item.version, { version: item.version, arn: item.arn, dateCreated: item.dateCreated });
    }
    if (nextToken) {
      // A service that hands back the same token would loop for ever.
      if (seenTokens.has(nextToken)) throw new AwsFailure('PaginationLoop', `${operation} returned the same nextToken twice; stopped listing.`, 1);
      seenTokens.add(nextToken);
    }
  } while (nextToken);
  const sorted = [...versions.values()].sort((a, b) => compareVersions(a.version, b.version));
  return { versions: sorted, pages, requests: counter.requests };
}

export interface PublishOptions {
  bump?: Bump;
  force?: boolean;
}

export interface PublishPlan {
  kind: 'component' | 'workflow';
  name: string;
  version: string;
  type?: string;
  platform?: string;
  region: string;
  profile?: string;
  account?: string;
  /** Reusing the token of a publish whose answer never arrived. */
  resumed: boolean;
}

export interface PublishResult extends Counted {
  ok: true;
  unchanged?: boolean;
  version: string;
  arn?: string;
  latestVersionReferences?: LatestVersionReferences;
  message: string;
  metadataFile?: string;
  /** Set when the version was created but could not be recorded. */
  recordError?: string;
}

export interface PublishHooks {
  /** Records fields in the document's metadata entry (undefined removes a field); returns the file. */
  record?(changes: Record<string, unknown>): string | undefined;
  /** Asked once the version is known, before anything is created; false stops the publish. */
  confirm?(plan: PublishPlan): Promise<boolean>;
  /** Progress messages. */
  progress?(message: string): void;
}

/**
 * Publishes the document as the next version. One clientToken per publish, reused by every
 * retry (the SDK resends the same request) and, through the `pending` record, by the next run
 * when the answer was lost: the service replays the original answer instead of creating again.
 */
export async function publish(gateway: Gateway, target: DocumentTarget, options: PublishOptions = {}, hooks: PublishHooks = {}, signal?: AbortSignal): Promise<PublishResult> {
  const hash = sha256(target.text);
  const counter: Counted = { requests: 0 };
  const recorded = { ...target.recorded };
  // A record from another Region or account says nothing about this one.
  const recordedArn = recorded.arn ? parseArn(recorded.arn) : undefined;
  if (recordedArn && recordedArn.region !== gateway.region) {
    recorded.version = undefined;
    recorded.sha256 = undefined;
    recorded.pending = undefined;
  }
  if (!options.force && !target.requestedVersion && recorded.sha256 === hash && recorded.version) {
    return {
      ok: true,
      unchanged: true,
      version: recorded.version,
      arn: recorded.arn,
      requests: 0,
      message: `Unchanged: '${target.name}' ${recorded.version} already has this exact text${recorded.arn ? ` (${recorded.arn})` : ''}; nothing published. Use --force to publish it again as a new version.`,
    };
  }
  hooks.progress?.(`Listing the versions of '${target.name}'…`);
  const listed = await listVersions(gateway, target, signal, counter);
  const existing = listed.versions.map((v) => v.version);
  const pending = recorded.pending && recorded.pending.sha256 === hash && (!target.requestedVersion || target.requestedVersion === recorded.pending.version) ? recorded.pending : undefined;
  let version: string;
  let clientToken: string;
  if (pending) {
    version = pending.version;
    clientToken = pending.clientToken;
  } else if (target.requestedVersion) {
    version = target.requestedVersion;
    if (existing.includes(version) || (recorded.version === version && recorded.arn)) {
      const arn = listed.versions.find((v) => v.version === version)?.arn ?? recorded.arn;
      throw new AwsFailure('VersionExists', `'${target.name}' ${version} already exists${arn ? ` (${arn})` : ''}; choose another --version, or leave it out to publish the next one.`, 1);
    }
    clientToken = randomUUID();
  } else {
    // A pending version of other text may exist already: never reuse that number.
    version = nextVersion([...existing, ...(recorded.pending ? [recorded.pending.version] : [])], recorded.version, options.bump ?? 'patch');
    clientToken = randomUUID();
  }
  const plan: PublishPlan = { kind: target.kind, name: target.name, version, type: target.type, platform: target.platform, region: gateway.region, profile: gateway.profile, account: gateway.account ?? recordedArn?.account, resumed: !!pending };
  if (hooks.confirm && !(await hooks.confirm(plan))) {
    throw new AwsFailure('Cancelled', `Publish of '${target.name}' ${version} cancelled; nothing was sent.`, 1);
  }
  if (signal?.aborted) throw new AwsFailure('Cancelled', `Publish of '${target.name}' ${version} cancelled; nothing was sent.`, 1);
  // Written before sending: if the answer is lost, the next run resumes with the same token.
  // A metadata file that cannot be written stops the publish here, before anything is created.
  try {
    hooks.record?.({ pending: { version, clientToken, sha256: hash } });
  } catch (error) {
    throw new AwsFailure('MetadataUnwritable', `Cannot record the publish in the metadata file: ${(error as Error).message} Nothing was sent.`, 2);
  }
  const operation = target.kind === 'component' ? 'CreateComponent' : 'CreateWorkflow';
  hooks.progress?.(`Creating '${target.name}' ${version}…`);
  let output: { componentBuildVersionArn?: string; workflowBuildVersionArn?: string; latestVersionReferences?: LatestVersionReferences };
  try {
    output = await send(gateway, createInput(target, version, clientToken, false), operation, counter, signal);
  } catch (error) {
    const failure = classifyError(error, operation, gateway);
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    // A definite refusal created nothing: forget the token. Otherwise (no answer, 5xx) keep it.
    if (status !== undefined && status >= 400 && status < 500) {
      try {
        hooks.record?.({ pending: undefined });
      } catch {
        // The refusal is the news; a stale pending record only makes the next run reuse a token.
      }
    }
    throw failure;
  }
  const arn = output.componentBuildVersionArn ?? output.workflowBuildVersionArn;
  const changes: Record<string, unknown> = { version, arn, sha256: hash, pending: undefined };
  // A first publish also records what the next one needs, so flags are not needed again.
  if (!target.metadata?.name) changes.name = target.name;
  if (target.kind === 'component' && !target.metadata?.platform) changes.platform = target.platform;
  if (target.kind === 'workflow' && !target.metadata?.type) changes.type = target.type;
  let metadataFile: string | undefined;
  let recordError: string | undefined;
  try {
    metadataFile = hooks.record?.(changes);
  } catch (error) {
    recordError = `Published, but the metadata file could not be updated (${(error as Error).message}); add "version": "${version}" and "arn": "${arn}" to the document's entry by hand.`;
  }
  return {
    recordError,
    ok: true,
    version,
    arn,
    latestVersionReferences: output.latestVersionReferences,
    requests: counter.requests,
    metadataFile,
    message: `Published ${target.kind} '${target.name}' ${version}${pending ? ' (resumed the earlier attempt with its client token)' : ''}: ${arn ?? '(no ARN returned)'}`,
  };
}

export interface DistributeImageInput {
  sourceImage: string;
  distributionConfigurationArn: string;
  executionRole: string;
  tags?: Record<string, string>;
  logGroup?: string;
}

const DISTRIBUTION_CONFIGURATION_ARN = /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):distribution-configuration\/[a-z0-9-_]+$/;
const ROLE = /^(?:arn:aws(?:-[a-z]+)*:iam::[0-9]{12}:role\/)?[a-zA-Z_0-9+=,.@\-_/]+$/;
const IMAGE_BUILD_VERSION_ARN = /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):image\/[a-z0-9-_]+\/[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+$/;
const TAG_KEY = /^(?!aws:)[a-zA-Z0-9\s_.:/=+\-@]{1,128}$/;
const LOG_GROUP = /^[a-zA-Z0-9\-_/.]{1,512}$/;

/** Checks the inputs against the API's patterns before anything is sent (exit 2 on a mistake). */
export function checkDistributeInput(input: DistributeImageInput): void {
  if (!input.sourceImage || input.sourceImage.length > 1024) throw new AwsFailure('InvalidArgument', '--source-image needs an AMI id (ami-...), ssm:PARAMETER, or an Image Builder image ARN.', 2);
  if (!DISTRIBUTION_CONFIGURATION_ARN.test(input.distributionConfigurationArn)) {
    throw new AwsFailure('InvalidArgument', `--distribution-configuration must be a distribution configuration ARN (arn:aws:imagebuilder:REGION:ACCOUNT:distribution-configuration/NAME), not '${input.distributionConfigurationArn}'.`, 2);
  }
  if (!ROLE.test(input.executionRole) || input.executionRole.length > 2048) throw new AwsFailure('InvalidArgument', `--execution-role must be an IAM role name or role ARN, not '${input.executionRole}'.`, 2);
  const tags = Object.entries(input.tags ?? {});
  if (tags.length > 50) throw new AwsFailure('InvalidArgument', 'At most 50 --tag options.', 2);
  for (const [key, value] of tags) {
    if (!TAG_KEY.test(key)) throw new AwsFailure('InvalidArgument', `Tag key '${key}' is not valid: 1 to 128 letters, digits, spaces or _.:/=+-@, not starting with aws:.`, 2);
    if (value.length > 256) throw new AwsFailure('InvalidArgument', `The value of tag '${key}' is longer than 256 characters.`, 2);
  }
  if (input.logGroup !== undefined && !LOG_GROUP.test(input.logGroup)) throw new AwsFailure('InvalidArgument', `--log-group must be 1 to 512 letters, digits or -_/. , not '${input.logGroup}'.`, 2);
}

export interface ImageResult extends Counted {
  ok: true;
  imageBuildVersionArn: string;
  message: string;
}

/** DistributeImage: distributes an existing image; the answer names a new image resource to follow. */
export async function distributeImage(gateway: Gateway, input: DistributeImageInput, signal?: AbortSignal): Promise<ImageResult> {
  checkDistributeInput(input);
  const counter: Counted = { requests: 0 };
  let output: { imageBuildVersionArn?: string };
  try {
    output = await send(gateway, new DistributeImageCommand({
      sourceImage: input.sourceImage,
      distributionConfigurationArn: input.distributionConfigurationArn,
      executionRole: input.executionRole,
      tags: input.tags && Object.keys(input.tags).length ? input.tags : undefined,
      loggingConfiguration: input.logGroup ? { logGroupName: input.logGroup } : undefined,
      clientToken: randomUUID(),
    }), 'DistributeImage', counter, signal);
  } catch (error) {
    throw classifyError(error, 'DistributeImage', gateway);
  }
  const arn = output.imageBuildVersionArn ?? '';
  return { ok: true, imageBuildVersionArn: arn, requests: counter.requests, message: `Distribution started: ${arn}. Follow it with \`aws imagebuilder get-image --image-build-version-arn ${arn}\`.` };
}

/** RetryImage: resumes a failed or cancelled image build where it stopped (same image resource). */
export function checkRetryInput(imageBuildVersionArn: string): void {
  if (!IMAGE_BUILD_VERSION_ARN.test(imageBuildVersionArn)) {
    throw new AwsFailure('InvalidArgument', `retry-image needs an image build-version ARN (arn:aws:imagebuilder:REGION:ACCOUNT:image/NAME/1.0.0/1), not '${imageBuildVersionArn}'.`, 2);
  }
}

export async function retryImage(gateway: Gateway, imageBuildVersionArn: string, signal?: AbortSignal): Promise<ImageResult> {
  checkRetryInput(imageBuildVersionArn);
  const counter: Counted = { requests: 0 };
  let output: { imageBuildVersionArn?: string };
  try {
    output = await send(gateway, new RetryImageCommand({ imageBuildVersionArn, clientToken: randomUUID() }), 'RetryImage', counter, signal);
  } catch (error) {
    throw classifyError(error, 'RetryImage', gateway);
  }
  const arn = output.imageBuildVersionArn ?? imageBuildVersionArn;
  return { ok: true, imageBuildVersionArn: arn, requests: counter.requests, message: `Retry started: ${arn}. Follow it with \`aws imagebuilder get-image --image-build-version-arn ${arn}\`.` };
}
