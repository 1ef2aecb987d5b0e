/**
 * A local EC2 Image Builder endpoint for tests (node:http on 127.0.0.1, any free port): the
 * restJson1 routes, request constraints, error shapes and status codes of
 * ../shared/spec/workflow-document-and-api.md section D, with versions and build versions,
 * idempotent client tokens, pagination, a list that can lag behind creates, and fault
 * injection. It records every request it receives.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseDocument } from 'yaml';

export interface RecordedRequest {
  operation: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (PUT/POST). */
  body: Record<string, unknown>;
  /** Access key id from the SigV4 Authorization header. */
  accessKeyId?: string;
  at: number;
}

interface Build {
  build: number;
  data: string;
  fingerprint: string;
  name: string;
  description?: string;
  platform?: string;
  type?: string;
  createdAt: number;
}

interface Resource {
  kind: 'component' | 'workflow';
  /** Normalised name (the ARN segment). */
  id: string;
  /** `component` or `workflow/build` ... */
  resource: string;
  versions: Map<string, Build[]>;
}

export type Fault =
  | { kind: 'error'; status: number; type: string; message: string }
  /** Handle the request (e.g. create the version), then drop the connection without answering. */
  | { kind: 'dropAfter' }
  /** Drop the connection before handling the request. */
  | { kind: 'dropBefore' }
  /** Answer after a delay (ms). */
  | { kind: 'delay'; ms: number };

const NAME = /^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$/;
const VERSION = /^[0-9]+\.[0-9]+\.[0-9]+$/;
const TAG_KEY = /^(?!aws:)[a-zA-Z0-9\s_.:/=+\-@]*$/;
const DISTRIBUTION_CONFIGURATION_ARN = /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):distribution-configuration\/[a-z0-9-_]+$/;
const ROLE = /^(?:arn:aws(?:-[a-z]+)*:iam::[0-9]{12}:role\/)?[a-zA-Z_0-9+=,.@\-_/]+$/;
const IMAGE_BUILD_VERSION_ARN = /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):image\/[a-z0-9-_]+\/[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+$/;
const ONLY_IN: Record<string, string[]> = {
  ExecuteComponents: ['BUILD', 'TEST'],
  CollectImageScanFindings: ['TEST'],
  DistributeImage: ['DISTRIBUTION'],
  ModifyImageAttributes: ['DISTRIBUTION'],
  ApplyImageConfigurations: ['DISTRIBUTION'],
  DistributeContainerImage: ['DISTRIBUTION'],
};

class ServiceError extends Error {
  constructor(readonly status: number, readonly type: string, message: string) {
    super(message);
  }
}

const invalid = (parameter: string, detail: string) => new ServiceError(400, 'InvalidParameterValueException', `The value supplied for parameter '${parameter}' is not valid. ${detail}`);

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[\s_]+/g, '-');
}

export class FakeImagebuilder {
  readonly region: string;
  readonly account: string;
  readonly requests: RecordedRequest[] = [];
  /** Versions created less than this many ms ago are missing from ListComponents / ListWorkflows. */
  listLagMs = 0;
  /** Page size when a list request gives no maxResults (undocumented; spec F22 suggests 25). */
  defaultPageSize = 25;
  /** Access key id → error name answered with 403 (AccessDeniedException, ForbiddenException, ExpiredTokenException ...). */
  readonly rejectedKeys = new Map<string, string>();
  readonly distributionConfigurations = new Set<string>();
  /** Image build-version ARN → status. */
  readonly images = new Map<string, string>();
  private readonly resources = new Map<string, Resource>();
  private readonly idempotency = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  url = '';

  constructor(options: { region?: string; account?: string } = {}) {
    this.region = options.region ?? 'us-east-1';
    this.account = options.account ?? '111122223333';
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Queues faults for the next `times` requests of an operation. */
  fault(operation: string, fault: Fault, times = 1): void {
    const queue = this.faults.get(operation) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.faults.set(operation, queue);
  }

  throttle(operation: string, times: number, type = 'CallRateLimitExceededException'): void {
    this.fault(operation, { kind: 'error', status: 429, type, message: 'Rate exceeded' }, times);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  count(operation?: string): number {
    return operation ? this.requests.filter((r) => r.operation === operation).length : this.requests.length;
  }

  /** Adds an existing version (as if created earlier, `ageMs` ago). */
  seed(kind: 'component' | 'workflow', name: string, version: string, options: { type?: string; platform?: string; data?: string; ageMs?: number } = {}): string {
    const resource = this.resourceFor(kind, name, options.type ?? 'BUILD');
    const data = options.data ?? `# seeded ${name} ${version}\n`;
    const build: Build = { build: 1, data, fingerprint: fingerprint({ data }), name, platform: options.platform ?? 'Linux', type: options.type, createdAt: Date.now() - (options.ageMs ?? 3600_000) };
    const builds = resource.versions.get(version) ?? [];
    build.build = builds.length + 1;
    builds.push(build);
    resource.versions.set(version, builds);
    return this.arn(resource, version, build.build);
  }

  /** Every build-version ARN of a name (for assertions). */
  builds(kind: 'component' | 'workflow', name: string, type = 'BUILD'): string[] {
    const resource = this.resources.get(this.key(kind, name, type));
    if (!resource) return [];
    return [...resource.versions].flatMap(([version, builds]) => builds.map((b) => this.arn(resource, version, b.build)));
  }

  private key(kind: string, name: string, type: string): string {
    return kind === 'component' ? `component/${normalizeName(name)}` : `workflow/${type.toLowerCase()}/${normalizeName(name)}`;
  }

  private resourceFor(kind: 'component' | 'workflow', name: string, type: string): Resource {
    const key = this.key(kind, name, type);
    let resource = this.resources.get(key);
    if (!resource) {
      resource = { kind, id: normalizeName(name), resource: kind === 'component' ? 'component' : `workflow/${type.toLowerCase()}`, versions: new Map() };
      this.resources.set(key, resource);
    }
    return resource;
  }

  private arn(resource: Resource, version: string, build?: number): string {
    return `arn:aws:imagebuilder:${this.region}:${this.account}:${resource.resource}/${resource.id}/${version}${build === undefined ? '' : `/${build}`}`;
  }

  private latestReferences(resource: Resource, version: string) {
    const [major, minor] = version.split('.');
    const base = `arn:aws:imagebuilder:${this.region}:${this.account}:${resource.resource}/${resource.id}`;
    return { latestVersionArn: `${base}/x.x.x`, latestMajorVersionArn: `${base}/${major}.x.x`, latestMinorVersionArn: `${base}/${major}.${minor}.x`, latestPatchVersionArn: `${base}/${version}` };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://local');
    const operation = url.pathname.replace(/^\//, '');
    const query = Object.fromEntries(url.searchParams);
    let body: Record<string, unknown> = {};
    const raw = Buffer.concat(chunks).toString('utf8');
    const requestId = randomUUID();
    const auth = String(req.headers.authorization ?? '');
    const record: RecordedRequest = { operation, method: req.method ?? '', path: url.pathname, query, headers: req.headers, body, accessKeyId: /Credential=([^/]+)\//.exec(auth)?.[1], at: Date.now() };
    this.requests.push(record);
    const send = (status: number, payload: unknown, errorType?: string) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': requestId };
      if (errorType) headers['x-amzn-errortype'] = errorType;
      res.writeHead(status, headers);
      res.end(JSON.stringify(payload));
    };
    const fail = (error: ServiceError) => send(error.status, { __type: error.type, message: error.message }, error.type);
    try {
      if (raw) {
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
          record.body = body;
        } catch {
          throw new ServiceError(400, 'InvalidRequestException', 'The request body is not valid JSON.');
        }
      }
      const fault = this.faults.get(operation)?.shift();
      if (fault?.kind === 'dropBefore') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'error') throw new ServiceError(fault.status, fault.type, fault.message);
      if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
      const rejected = record.accessKeyId ? this.rejectedKeys.get(record.accessKeyId) : undefined;
      if (rejected) {
        const messages: Record<string, string> = {
          ExpiredTokenException: 'The security token included in the request is expired',
          UnrecognizedClientException: 'The security token included in the request is invalid.',
        };
        throw new ServiceError(403, rejected, messages[rejected] ?? `User: arn:aws:iam::${this.account}:user/test is not authorized to perform: imagebuilder:${operation} because no identity-based policy allows the imagebuilder:${operation} action`);
      }
      const result = this.route(req.method ?? '', operation, body, query, requestId);
      if (fault?.kind === 'dropAfter') {
        req.socket.destroy();
        return;
      }
      send(200, result);
    } catch (error) {
      fail(error instanceof ServiceError ? error : new ServiceError(500, 'ServiceException', String(error)));
    }
  }

  private route(method: string, operation: string, body: Record<string, unknown>, query: Record<string, string>, requestId: string): unknown {
    const expect = (m: string) => {
      if (method !== m) throw new ServiceError(404, 'UnknownOperationException', `${method} /${operation} is not an operation.`);
    };
    switch (operation) {
      case 'CreateComponent': expect('PUT'); return this.create('component', body, requestId);
      case 'CreateWorkflow': expect('PUT'); return this.create('workflow', body, requestId);
      case 'ListComponents': expect('POST'); return this.list('component', body, requestId);
      case 'ListWorkflows': expect('POST'); return this.list('workflow', body, requestId);
      case 'GetComponent': expect('GET'); return this.get('component', query.componentBuildVersionArn, requestId);
      case 'GetWorkflow': expect('GET'); return this.get('workflow', query.workflowBuildVersionArn, requestId);
      case 'DistributeImage': expect('PUT'); return this.distribute(body);
      case 'RetryImage': expect('PUT'); return this.retry(body);
      default: throw new ServiceError(404, 'UnknownOperationException', `/${operation} is not an operation of this endpoint.`);
    }
  }

  private checkToken(body: Record<string, unknown>): string {
    const token = body.clientToken;
    if (typeof token !== 'string' || token.length < 1 || token.length > 64) throw invalid('clientToken', 'clientToken must be 1 to 64 characters.');
    return token;
  }

  private checkTags(tags: unknown): void {
    if (tags === undefined) return;
    if (!tags || typeof tags !== 'object' || Array.isArray(tags)) throw invalid('tags', 'tags must be a map.');
    const entries = Object.entries(tags);
    if (entries.length < 1 || entries.length > 50) throw invalid('tags', 'tags must have 1 to 50 entries.');
    for (const [k, v] of entries) {
      if (k.length < 1 || k.length > 128 || !TAG_KEY.test(k)) throw invalid('tags', `Tag key '${k}' must match pattern ^(?!aws:)[a-zA-Z0-9\\s_.:/=+\\-@]*$`);
      if (typeof v !== 'string' || v.length > 256) throw invalid('tags', `Tag value of '${k}' must be a string of at most 256 characters.`);
    }
  }

  /** Replays the answer of an earlier request with the same token, or refuses other parameters. */
  private idempotent(operation: string, body: Record<string, unknown>, run: () => unknown): unknown {
    const token = this.checkToken(body);
    const { clientToken: _, ...params } = body;
    const print = fingerprint(params);
    const key = `${operation}\u0000${token}`;
    const seen = this.idempotency.get(key);
    if (seen) {
      if (seen.fingerprint !== print) throw new ServiceError(400, 'IdempotentParameterMismatchException', `The client token ${token} was used before with different parameters.`);
      return seen.body;
    }
    const result = run();
    this.idempotency.set(key, { fingerprint: print, status: 200, body: result });
    return result;
  }

  private create(kind: 'component' | 'workflow', body: Record<string, unknown>, requestId: string): unknown {
    const operation = kind === 'component' ? 'CreateComponent' : 'CreateWorkflow';
    // Validation first: a dry run validates everything, then answers 412 without storing anything.
    const name = body.name;
    if (typeof name !== 'string') throw new ServiceError(400, 'InvalidRequestException', "The request must contain the parameter 'name'.");
    if (!NAME.test(name)) throw invalid('name', `name must match pattern ${NAME.source}`);
    const version = body.semanticVersion;
    if (typeof version !== 'string') throw new ServiceError(400, 'InvalidRequestException', "The request must contain the parameter 'semanticVersion'.");
    if (!VERSION.test(version)) throw invalid('semanticVersion', 'semanticVersion must match pattern ^[0-9]+\\.[0-9]+\\.[0-9]+$');
    if (version.split('.').some((n) => Number(n) > 1073741823)) throw new ServiceError(400, 'InvalidVersionNumberException', `The version ${version} is out of bounds.`);
    let type = 'BUILD';
    if (kind === 'component') {
      if (!['Windows', 'Linux', 'macOS'].includes(String(body.platform))) throw invalid('platform', 'platform must be one of Windows, Linux, macOS.');
    } else {
      if (!['BUILD', 'TEST', 'DISTRIBUTION'].includes(String(body.type))) throw invalid('type', 'type must be one of BUILD, TEST, DISTRIBUTION.');
      type = String(body.type);
    }
    for (const field of ['description', 'changeDescription', 'kmsKeyId']) {
      const v = body[field];
      if (v !== undefined && (typeof v !== 'string' || v.length < 1 || v.length > 1024)) throw invalid(field, `${field} must be 1 to 1024 characters.`);
    }
    this.checkTags(body.tags);
    if (body.data !== undefined && body.uri !== undefined) throw new ServiceError(400, 'InvalidParameterCombinationException', 'You can specify only one of data or uri.');
    if (body.data === undefined && body.uri === undefined) throw new ServiceError(400, 'InvalidRequestException', 'You must specify data or uri.');
    if (body.uri !== undefined) throw new ServiceError(400, 'InvalidRequestException', 'This endpoint does not read documents from S3.');
    const data = body.data;
    if (typeof data !== 'string' || data.length < 1 || data.length > 16000 || data.includes('\u0000')) throw invalid('data', 'data must be 1 to 16000 characters without NUL.');
    this.checkToken(body);
    checkDocument(kind, data, type);
    if (body.dryRun === true) throw new ServiceError(412, 'DryRunOperationException', 'Request would have succeeded, but dryRun flag is set.');

    return this.idempotent(operation, body, () => {
      const resource = this.resourceFor(kind, name, type);
      const builds = resource.versions.get(version) ?? [];
      const print = fingerprint({ data, description: body.description, changeDescription: body.changeDescription, platform: body.platform, kmsKeyId: body.kmsKeyId });
      if (builds.length && builds[builds.length - 1].fingerprint === print) {
        throw new ServiceError(400, 'ResourceInUseException', `The ${kind} ${this.arn(resource, version, builds[builds.length - 1].build)} already exists with this configuration.`);
      }
      const build: Build = { build: builds.length + 1, data, fingerprint: print, name, description: body.description as string | undefined, platform: body.platform as string | undefined, type: kind === 'workflow' ? type : undefined, createdAt: Date.now() };
      builds.push(build);
      resource.versions.set(version, builds);
      const arn = this.arn(resource, version, build.build);
      return kind === 'component'
        ? { requestId, clientToken: body.clientToken, componentBuildVersionArn: arn, latestVersionReferences: this.latestReferences(resource, version) }
        : { clientToken: body.clientToken, workflowBuildVersionArn: arn, latestVersionReferences: this.latestReferences(resource, version) };
    });
  }

  private list(kind: 'component' | 'workflow', body: Record<string, unknown>, requestId: string): unknown {
    const owner = body.owner ?? 'Self';
    if (!['Self', 'Shared', 'Amazon', 'ThirdParty', 'AWSMarketplace'].includes(String(owner))) throw invalid('owner', 'owner must be one of Self, Shared, Amazon, ThirdParty, AWSMarketplace.');
    const maxResults = body.maxResults ?? this.defaultPageSize;
    if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 25) throw invalid('maxResults', 'maxResults must be between 1 and 25.');
    const filters = (body.filters ?? []) as Array<{ name?: string; values?: string[] }>;
    const items: Array<Record<string, unknown>> = [];
    if (owner === 'Self') {
      const now = Date.now();
      for (const resource of this.resources.values()) {
        if (resource.kind !== kind) continue;
        for (const [version, builds] of resource.versions) {
          const first = builds[0];
          if (now - builds[builds.length - 1].createdAt < this.listLagMs && now - first.createdAt < this.listLagMs) continue;
          const item: Record<string, unknown> = { arn: this.arn(resource, version), name: first.name, version, owner: this.account, dateCreated: new Date(first.createdAt).toISOString() };
          if (kind === 'component') Object.assign(item, { platform: first.platform, type: 'BUILD', status: 'ACTIVE' });
          else item.type = resource.resource.split('/')[1].toUpperCase();
          if (filters.every((f) => !f.values || f.values.includes(String(item[f.name ?? ''])))) items.push(item);
        }
      }
    }
    // Creation order, which is not version order: clients must compare versions themselves.
    items.sort((a, b) => String(a.dateCreated).localeCompare(String(b.dateCreated)));
    let offset = 0;
    const print = fingerprint({ kind, filters, owner });
    if (body.nextToken !== undefined) {
      try {
        const token = JSON.parse(Buffer.from(String(body.nextToken), 'base64url').toString('utf8')) as { offset: number; print: string };
        if (token.print !== print || !Number.isInteger(token.offset)) throw new Error('mismatch');
        offset = token.offset;
      } catch {
        throw new ServiceError(400, 'InvalidPaginationTokenException', 'The pagination token is not valid.');
      }
    }
    const page = items.slice(offset, offset + maxResults);
    const nextToken = offset + maxResults < items.length ? Buffer.from(JSON.stringify({ offset: offset + maxResults, print })).toString('base64url') : undefined;
    return kind === 'component' ? { requestId, componentVersionList: page, nextToken } : { workflowVersionList: page, nextToken };
  }

  private get(kind: 'component' | 'workflow', arn: string | undefined, requestId: string): unknown {
    const parameter = kind === 'component' ? 'componentBuildVersionArn' : 'workflowBuildVersionArn';
    const m = arn ? /^arn:aws[^:]*:imagebuilder:[^:]+:[^:]+:(component|workflow\/(?:build|test|distribution))\/([a-z0-9-_]+)\/([0-9x]+)\.([0-9x]+)\.([0-9x]+)(?:\/([0-9]+))?$/.exec(arn) : null;
    if (!m || (kind === 'component') !== (m[1] === 'component')) throw invalid(parameter, `${parameter} must be a ${kind} ARN.`);
    const resource = [...this.resources.values()].find((r) => r.resource === m[1] && r.id === m[2]);
    const nodes = [m[3], m[4], m[5]];
    const candidates = resource ? [...resource.versions.keys()].filter((v) => v.split('.').every((n, i) => nodes[i] === 'x' || nodes[i] === n)) : [];
    candidates.sort((a, b) => compareVersions(b, a));
    const version = candidates[0];
    const builds = version ? resource!.versions.get(version)! : [];
    const build = m[6] ? builds.find((b) => b.build === Number(m[6])) : builds[builds.length - 1];
    if (!resource || !version || !build) throw new ServiceError(404, 'ResourceNotFoundException', `The resource ${arn} does not exist.`);
    const item = { arn: this.arn(resource, version, build.build), name: build.name, version, description: build.description, owner: this.account, data: build.data, dateCreated: new Date(build.createdAt).toISOString() };
    const latestVersionReferences = this.latestReferences(resource, version);
    return kind === 'component'
      ? { requestId, component: { ...item, platform: build.platform, type: 'BUILD', state: { status: 'ACTIVE' } }, latestVersionReferences }
      : { workflow: { ...item, type: resource.resource.split('/')[1].toUpperCase() }, latestVersionReferences };
  }

  private distribute(body: Record<string, unknown>): unknown {
    const source = body.sourceImage;
    if (typeof source !== 'string' || source.length < 1 || source.length > 1024) throw new ServiceError(400, 'InvalidRequestException', "The request must contain the parameter 'sourceImage'.");
    const dc = String(body.distributionConfigurationArn ?? '');
    if (!DISTRIBUTION_CONFIGURATION_ARN.test(dc)) throw invalid('distributionConfigurationArn', `distributionConfigurationArn must match pattern ${DISTRIBUTION_CONFIGURATION_ARN.source}`);
    const role = String(body.executionRole ?? '');
    if (!ROLE.test(role)) throw invalid('executionRole', 'executionRole must be a role name or ARN.');
    this.checkTags(body.tags);
    const logging = body.loggingConfiguration as { logGroupName?: string } | undefined;
    if (logging?.logGroupName !== undefined && !/^[a-zA-Z0-9\-_/.]{1,512}$/.test(logging.logGroupName)) throw invalid('loggingConfiguration.logGroupName', 'logGroupName must match pattern ^[a-zA-Z0-9\\-_/\\.]{1,512}$');
    return this.idempotent('DistributeImage', body, () => {
      if (!this.distributionConfigurations.has(dc)) throw new ServiceError(404, 'ResourceNotFoundException', `The distribution configuration ${dc} does not exist.`);
      if (!/^(ami-[0-9a-f]{8,17}|ssm:.+|arn:aws[^:]*:imagebuilder:.+:image\/.+)$/.test(source)) throw new ServiceError(400, 'InvalidRequestException', `The source image '${source}' is not an AMI id, an ssm: parameter or an image ARN.`);
      const name = `distribute-${source.replace(/[^a-z0-9-_]/gi, '-').toLowerCase()}`.slice(0, 100);
      const count = [...this.images.keys()].filter((k) => k.includes(`:image/${name}/`)).length;
      const arn = `arn:aws:imagebuilder:${this.region}:${this.account}:image/${name}/1.0.0/${count + 1}`;
      this.images.set(arn, 'DISTRIBUTING');
      return { clientToken: body.clientToken, imageBuildVersionArn: arn };
    });
  }

  private retry(body: Record<string, unknown>): unknown {
    const arn = String(body.imageBuildVersionArn ?? '');
    if (!IMAGE_BUILD_VERSION_ARN.test(arn)) throw invalid('imageBuildVersionArn', `imageBuildVersionArn must match pattern ${IMAGE_BUILD_VERSION_ARN.source}`);
    return this.idempotent('RetryImage', body, () => {
      const status = this.images.get(arn);
      if (status === undefined) throw new ServiceError(400, 'InvalidRequestException', `The image ${arn} does not exist.`);
      if (status !== 'FAILED' && status !== 'CANCELLED') throw new ServiceError(400, 'ResourceInUseException', `The image ${arn} is ${status}; only FAILED or CANCELLED images can be retried.`);
      this.images.set(arn, 'BUILDING');
      return { clientToken: body.clientToken, imageBuildVersionArn: arn };
    });
  }
}

function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value, Object.keys(flatten(value)).sort())).digest('hex');
}

function flatten(value: unknown, out: Record<string, true> = {}): Record<string, true> {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out[k] = true;
      flatten(v, out);
    }
  }
  return out;
}

function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** What the service checks in a document: YAML, the document kind's root keys, and step actions per workflow type. */
function checkDocument(kind: 'component' | 'workflow', data: string, type: string): void {
  const doc = parseDocument(data, { prettyErrors: true });
  if (doc.errors.length) {
    const error = doc.errors[0];
    const line = error.linePos?.[0];
    throw invalid('data', `The document is not valid YAML${line ? ` (line ${line.line}, column ${line.col})` : ''}: ${error.message.split('\n')[0]}`);
  }
  const value = doc.toJS() as Record<string, unknown> | null;
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid('data', 'The document must be a YAML mapping.');
  if (value.schemaVersion === undefined) throw invalid('data', "The document is missing 'schemaVersion'.");
  if (kind === 'component') {
    if (!Array.isArray(value.phases)) throw invalid('data', "The component document must have a list of 'phases'.");
    return;
  }
  if (!Array.isArray(value.steps)) throw invalid('data', "The workflow document must have a list of 'steps'.");
  for (const step of value.steps as Array<Record<string, unknown>>) {
    const allowed = ONLY_IN[String(step?.action)];
    if (allowed && !allowed.includes(type)) {
      throw new ServiceError(400, 'InvalidRequestException', `Step '${String(step.name)}' uses action '${String(step.action)}', which is not allowed in a ${type} workflow.`);
    }
  }
}
