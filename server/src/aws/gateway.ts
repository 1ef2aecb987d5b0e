/**
 * The AWS gateway: creates the Image Builder client (credentials, Region, endpoint, retries,
 * timeouts) and turns every failure into a short message a person can act on, with the CLI's
 * exit code. The service layer never sees the SDK; only the adapters (CLI, language server)
 * call this.
 */
import { ImagebuilderClient, type ImagebuilderClientConfig } from '@aws-sdk/client-imagebuilder';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';

export interface ConnectionOptions {
  region?: string;
  profile?: string;
  /** An endpoint URL; otherwise AWS_ENDPOINT_URL_IMAGEBUILDER, then AWS_ENDPOINT_URL. */
  endpoint?: string;
  /** Attempts per request, first included (default: AWS_MAX_ATTEMPTS, else the SDK's 3). */
  maxAttempts?: number;
  /** A fixed delay between retries instead of the SDK's exponential backoff (tests). */
  retryDelayMs?: number;
  /** Longest silence on a connection before the attempt fails (default 30 s). */
  requestTimeoutMs?: number;
  /** Longest wait for a TCP connection (default 5 s). */
  connectionTimeoutMs?: number;
  /** Longest wait for the credential chain (default 5 s): without credentials we stop fast. */
  credentialTimeoutMs?: number;
  /** Longest time for one operation including its retries (default 120 s). */
  operationTimeoutMs?: number;
}

export interface Gateway {
  client: ImagebuilderClient;
  region: string;
  profile?: string;
  endpoint?: string;
  /** Account id when known without a network call (from the credentials), else undefined. */
  account?: string;
  operationTimeoutMs: number;
  /** Removes the secret parts of the credentials from text before it is shown. */
  redact(text: string): string;
}

/** A failure with a message for people and the exit code of design.md section 3. */
export class AwsFailure extends Error {
  constructor(readonly errorName: string, message: string, readonly exitCode: 1 | 2, readonly serviceError = false) {
    super(message);
  }
}

const DEFAULTS = { requestTimeoutMs: 30000, connectionTimeoutMs: 5000, credentialTimeoutMs: 5000, operationTimeoutMs: 120000 };

export function resolveEndpoint(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = flag ?? (env.AWS_ENDPOINT_URL_IMAGEBUILDER || undefined) ?? (env.AWS_ENDPOINT_URL || undefined);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AwsFailure('InvalidEndpoint', `The endpoint '${value}' is not a URL; write it like https://imagebuilder.us-east-1.amazonaws.com or http://127.0.0.1:4566.`, 2);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AwsFailure('InvalidEndpoint', `The endpoint '${value}' must start with http:// or https://.`, 2);
  return value;
}

export function createClient(options: ConnectionOptions): { client: ImagebuilderClient; endpoint?: string } {
  // The SDK warns on stderr that later releases need Node 22; this tool pins a release that runs on 20.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const endpoint = resolveEndpoint(options.endpoint);
  const config: ImagebuilderClientConfig = {
    requestHandler: {
      requestTimeout: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULTS.connectionTimeoutMs,
    },
  };
  if (options.region) config.region = options.region;
  if (options.profile) config.profile = options.profile;
  if (endpoint) config.endpoint = endpoint;
  if (options.retryDelayMs !== undefined) config.retryStrategy = new ConfiguredRetryStrategy(options.maxAttempts ?? 3, options.retryDelayMs);
  else if (options.maxAttempts !== undefined) config.maxAttempts = options.maxAttempts;
  return { client: new ImagebuilderClient(config), endpoint };
}

/**
 * A client whose Region and credentials are known to be there: both are resolved before any
 * request, so a user without credentials gets a clear answer at once and nothing is sent.
 */
export async function connect(options: ConnectionOptions): Promise<Gateway> {
  const { client, endpoint } = createClient(options);
  const profile = options.profile ?? process.env.AWS_PROFILE ?? undefined;
  let region: string;
  try {
    region = await client.config.region();
  } catch {
    client.destroy();
    throw new AwsFailure('NoRegion', `No AWS Region: pass --region, set AWS_REGION, or set a region in ${profile ? `profile '${profile}'` : 'your AWS config'} (or in .imagebuilder.json).`, 2);
  }
  if (!region) {
    client.destroy();
    throw new AwsFailure('NoRegion', 'No AWS Region: pass --region or set AWS_REGION.', 2);
  }
  const limit = options.credentialTimeoutMs ?? DEFAULTS.credentialTimeoutMs;
  let identity: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date; accountId?: string };
  try {
    identity = await withTimeout(client.config.credentials(), limit, () => new AwsFailure('NoCredentials',
      `No AWS credentials found within ${limit / 1000} s${profile ? ` for profile '${profile}'` : ''}. ${CREDENTIAL_HELP}`, 2));
  } catch (error) {
    client.destroy();
    throw error instanceof AwsFailure ? error : classifyCredentialError(error, profile);
  }
  if (identity.expiration && identity.expiration.getTime() <= Date.now()) {
    client.destroy();
    throw new AwsFailure('ExpiredCredentials', `The AWS credentials${profile ? ` of profile '${profile}'` : ''} expired at ${identity.expiration.toISOString()}. ${EXPIRED_HELP}`, 2);
  }
  const secrets = [identity.secretAccessKey, identity.sessionToken].filter((s): s is string => !!s && s.length >= 4);
  return {
    client,
    region,
    profile,
    endpoint,
    account: identity.accountId || process.env.AWS_ACCOUNT_ID || undefined,
    operationTimeoutMs: options.operationTimeoutMs ?? DEFAULTS.operationTimeoutMs,
    redact: (text) => secrets.reduce((t, s) => t.split(s).join('****'), text),
  };
}

const CREDENTIAL_HELP = 'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE / --profile naming a profile in ~/.aws/config (run `aws configure` or `aws sso login --profile NAME`).';
const EXPIRED_HELP = 'Refresh them: `aws sso login` for an SSO profile, or new temporary credentials, then try again.';

function classifyCredentialError(error: unknown, profile: string | undefined): AwsFailure {
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : 'Error';
  const where = profile ? ` (profile '${profile}')` : '';
  if (/sso/i.test(message) && /expired|invalid|refresh|login/i.test(message)) {
    return new AwsFailure('ExpiredSsoToken', `The SSO session${where} has expired or is not signed in: run \`aws sso login${profile ? ` --profile ${profile}` : ''}\`, then try again.`, 2);
  }
  if (/expired/i.test(message)) return new AwsFailure('ExpiredCredentials', `The AWS credentials${where} have expired. ${EXPIRED_HELP}`, 2);
  if (/profile/i.test(message) && /not found|could not find|does not exist/i.test(message)) {
    return new AwsFailure('NoCredentials', `The AWS profile${where} was not found in ~/.aws/config or ~/.aws/credentials. ${CREDENTIAL_HELP}`, 2);
  }
  if (name === 'CredentialsProviderError' || /credential/i.test(message)) return new AwsFailure('NoCredentials', `No AWS credentials found${where}. ${CREDENTIAL_HELP}`, 2);
  return new AwsFailure(name, `Cannot load AWS credentials${where}: ${message}`, 2);
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'EPROTO', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT']);
const THROTTLING = new Set(['CallRateLimitExceededException', 'TooManyRequestsException', 'ThrottlingException', 'Throttling', 'RequestLimitExceeded', 'SlowDown']);
const ACCESS_DENIED = new Set(['AccessDeniedException', 'ForbiddenException', 'AccessDenied', 'UnauthorizedOperation', 'NotAuthorized']);
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const INVALID_CREDENTIALS = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'IncompleteSignature']);

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string };
  $response?: { statusCode?: number };
}

/**
 * An SDK error as a message for people. `operation` is the API operation (for permissions),
 * `where` how the endpoint is reached (for network errors).
 */
export function classifyError(error: unknown, operation: string, gateway: Pick<Gateway, 'region' | 'endpoint' | 'profile' | 'redact'>): AwsFailure {
  if (error instanceof AwsFailure) return error;
  const e = (error ?? {}) as SdkError;
  const name = e.name ?? 'Error';
  const raw = gateway.redact(String(e.message ?? error));
  const attempts = e.$metadata?.attempts;
  const tried = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
  const target = gateway.endpoint ?? `imagebuilder.${gateway.region}.amazonaws.com`;
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  if (name === 'AbortError') return new AwsFailure('Cancelled', `${operation} was cancelled.`, 1);
  // The SDK names a dropped connection TimeoutError; its code tells them apart.
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE' || /socket hang up/.test(raw)) {
    return new AwsFailure('ConnectionDropped', `The connection to ${target} closed before ${operation} was answered${tried} (${e.code ?? raw}). Check the network or proxy; a publish run again resumes with the same client token, so it cannot create the version twice.`, 2);
  }
  if (name === 'TimeoutError' || e.code === 'ETIMEDOUT' || name === 'RequestTimeout' || name === 'OperationTimeout') {
    return new AwsFailure('Timeout', `No answer from ${target} for ${operation}${tried}: the request timed out. Check the network or proxy, and --endpoint / --region.`, 2);
  }
  if ((e.code && NETWORK_CODES.has(e.code)) || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(raw)) {
    return new AwsFailure('EndpointUnreachable', `Cannot reach ${target} for ${operation}${tried} (${e.code ?? raw}). Check --endpoint / AWS_ENDPOINT_URL, --region and the network.`, 2);
  }
  if (THROTTLING.has(name) || status === 429) {
    return new AwsFailure('Throttled', `Image Builder is throttling ${operation} requests (${name}: ${raw}); still throttled${tried || ' after the retries'}. Wait a minute and try again, or lower the request rate (AWS_MAX_ATTEMPTS raises the retries).`, 1, true);
  }
  if (EXPIRED.has(name)) return new AwsFailure('ExpiredCredentials', `The AWS credentials${gateway.profile ? ` of profile '${gateway.profile}'` : ''} have expired (${name}: ${raw}). ${EXPIRED_HELP}`, 2, true);
  if (INVALID_CREDENTIALS.has(name)) return new AwsFailure('InvalidCredentials', `AWS rejected the credentials${gateway.profile ? ` of profile '${gateway.profile}'` : ''} (${name}: ${raw}). Check the access key, or sign in again.`, 2, true);
  if (ACCESS_DENIED.has(name) || (status === 403 && !e.name)) {
    return new AwsFailure('AccessDenied', `Access denied for imagebuilder:${operation} (${name}: ${raw}). The identity${gateway.profile ? ` of profile '${gateway.profile}'` : ''} needs an IAM policy that allows imagebuilder:${operation} in ${gateway.region}.`, 1, true);
  }
  if (e.$fault === 'server' || (status !== undefined && status >= 500)) {
    return new AwsFailure(name, `${name}: ${raw} (Image Builder failed${tried}; try again later).`, 1, true);
  }
  if (e.$metadata || e.$fault) return new AwsFailure(name, `${name}: ${raw}`, 1, true);
  return new AwsFailure(name, `${operation} failed: ${name}: ${raw}`, 1);
}

function withTimeout<T>(promise: Promise<T>, ms: number, failure: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(failure()), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Abort signal for one operation: the caller's cancellation and the operation time limit. */
export function operationSignal(gateway: Pick<Gateway, 'operationTimeoutMs'>, signal?: AbortSignal): AbortSignal {
  const limit = AbortSignal.timeout(gateway.operationTimeoutMs);
  return signal ? AbortSignal.any([signal, limit]) : limit;
}
