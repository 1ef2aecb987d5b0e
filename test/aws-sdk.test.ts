/**
 * The Image Builder operations through the real AWS SDK, over HTTP, against the local endpoint
 * of test/support/fakeImagebuilder.ts: dry run, publish and its version resolution, the fault
 * matrix of issue 7 (dropped connections, throttling, lagging lists, denied and expired
 * credentials), DistributeImage and RetryImage.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsFailure, connect, type ConnectionOptions, type Gateway } from '../server/src/aws/gateway';
import { locateServiceError } from '../server/src/aws/locate';
import { distributeImage, dryRun, listVersions, publish, retryImage, sha256 } from '../server/src/aws/operations';
import { resolveTarget, type MetadataOverrides } from '../server/src/aws/target';
import { updateDocumentMetadata } from '../server/src/project/metadata';
import { FakeImagebuilder } from './support/fakeImagebuilder';
import { TEST_ACCESS_KEY, TEST_SECRET } from './support/awsEnv';
import { COMPONENT, workflow } from './support/awsDocuments';

let fake: FakeImagebuilder;
let dir: string;
let n = 0;
const gateways: Gateway[] = [];
const failures: string[] = [];

beforeAll(async () => {
  fake = await new FakeImagebuilder().start();
  dir = mkdtempSync(join(tmpdir(), 'ib-sdk-'));
  // The SDK's default credential chain reads these; no real credentials can be found.
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: TEST_SECRET,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(dir, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
});
afterAll(async () => {
  for (const g of gateways) g.client.destroy();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
  // Whatever failed, no message ever carried the secret key.
  for (const message of failures) expect(message).not.toContain(TEST_SECRET);
});
beforeEach(() => {
  fake.clearFaults();
  fake.listLagMs = 0;
  fake.rejectedKeys.clear();
});

async function gateway(options: ConnectionOptions = {}): Promise<Gateway> {
  const g = await connect({ region: 'us-east-1', endpoint: fake.url, retryDelayMs: 5, ...options });
  gateways.push(g);
  return g;
}

/** A document in its own folder, with optional metadata entry. */
function doc(text: string, entry?: Record<string, unknown>): string {
  const folder = mkdtempSync(join(dir, `d${n++}-`));
  const path = join(folder, 'doc.yaml');
  writeFileSync(path, text);
  if (entry) writeFileSync(join(folder, '.imagebuilder.json'), JSON.stringify({ documents: { 'doc.yaml': entry } }, null, 2));
  return path;
}

function target(path: string, overrides: MetadataOverrides = {}) {
  return resolveTarget(readFileSync(path, 'utf8'), path, overrides);
}

async function failure(promise: Promise<unknown>): Promise<AwsFailure> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AwsFailure);
  failures.push((error as AwsFailure).message);
  return error as AwsFailure;
}

const hooks = (path: string) => ({ record: (changes: Record<string, unknown>) => updateDocumentMetadata(path, changes) });
const metadataOf = (path: string) => JSON.parse(readFileSync(join(path, '..', '.imagebuilder.json'), 'utf8')).documents['doc.yaml'];
const uniqueName = () => `comp-${n++}-${Date.now().toString(36)}`;

describe('dry run', () => {
  it('sends CreateComponent with dryRun and the text; 412 DryRunOperationException is success; nothing is created', async () => {
    const name = uniqueName();
    const path = doc(COMPONENT, { name, platform: 'Linux' });
    const before = fake.count();
    const result = await dryRun(await gateway(), target(path));
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/Dry run passed/);
    expect(result.requests).toBe(1);
    const sent = fake.requests.slice(before);
    expect(sent.map((r) => [r.method, r.path])).toEqual([['PUT', '/CreateComponent']]);
    expect(sent[0].body).toMatchObject({ name, platform: 'Linux', semanticVersion: '1.0.0', data: COMPONENT, dryRun: true });
    expect(sent[0].accessKeyId).toBe(TEST_ACCESS_KEY);
    expect(fake.builds('component', name)).toEqual([]);
  });

  it('reports a refusal with the service error name and message, placed at the step it names', async () => {
    const path = doc(workflow('DistributeImage'), { name: uniqueName(), type: 'BUILD' });
    const error = await failure(dryRun(await gateway(), target(path)));
    expect(error.errorName).toBe('InvalidRequestException');
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(/^InvalidRequestException: Step 'Act' uses action 'DistributeImage'/);
    expect(locateServiceError(workflow('DistributeImage'), error.message).range.start.line).toBe(5);
  });

  it.each(['BUILD', 'TEST', 'DISTRIBUTION'] as const)('dry-runs a %s workflow with its type', async (type) => {
    const action = type === 'DISTRIBUTION' ? 'DistributeImage' : type === 'TEST' ? 'CollectImageScanFindings' : 'ExecuteComponents';
    const path = doc(workflow(action), { name: uniqueName(), type });
    const before = fake.count();
    await dryRun(await gateway(), target(path));
    expect(fake.requests.slice(before).map((r) => [r.path, r.body.type, r.body.dryRun])).toEqual([['/CreateWorkflow', type, true]]);
  });
});

describe('publish', () => {
  it('publishes a new name as 1.0.0, returns the ARNs and records version, ARN and hash', async () => {
    const name = uniqueName();
    const path = doc(COMPONENT, { name, platform: 'Linux', description: 'kept' });
    const result = await publish(await gateway(), target(path), {}, hooks(path));
    expect(result.version).toBe('1.0.0');
    expect(result.arn).toBe(`arn:aws:imagebuilder:us-east-1:111122223333:component/${name}/1.0.0/1`);
    expect(result.latestVersionReferences).toEqual({
      latestVersionArn: `arn:aws:imagebuilder:us-east-1:111122223333:component/${name}/x.x.x`,
      latestMajorVersionArn: `arn:aws:imagebuilder:us-east-1:111122223333:component/${name}/1.x.x`,
      latestMinorVersionArn: `arn:aws:imagebuilder:us-east-1:111122223333:component/${name}/1.0.x`,
      latestPatchVersionArn: `arn:aws:imagebuilder:us-east-1:111122223333:component/${name}/1.0.0`,
    });
    expect(result.requests).toBe(2); // one list page, one create
    expect(metadataOf(path)).toEqual({ name, platform: 'Linux', description: 'kept', version: '1.0.0', arn: result.arn, sha256: sha256(COMPONENT) });
  });

  it('lists every page and compares as semver: 1.10.0 is above 1.9.7 and 1.2.3', async () => {
    const name = uniqueName();
    // Creation order is not version order, and the three are spread over two pages of 25.
    fake.seed('component', name, '1.10.0');
    for (let i = 0; i < 24; i++) fake.seed('component', name, `0.${i}.0`);
    fake.seed('component', name, '1.2.3');
    fake.seed('component', name, '1.9.7');
    fake.seed('component', `${name}-other`, '7.0.0');
    const g = await gateway();
    const listed = await listVersions(g, { kind: 'component', name });
    expect(listed.pages).toBe(2);
    expect(listed.versions).toHaveLength(27);
    expect(listed.versions.at(-1)!.version).toBe('1.10.0');
    const path = doc(COMPONENT, { name, platform: 'Linux' });
    const before = fake.count('ListComponents');
    expect((await publish(g, target(path), { bump: 'patch' }, hooks(path))).version).toBe('1.10.1');
    expect(fake.count('ListComponents') - before).toBe(2);
    const list = fake.requests.filter((r) => r.operation === 'ListComponents').at(-1)!;
    expect(list.body).toMatchObject({ owner: 'Self', filters: [{ name: 'name', values: [name] }] });
    writeFileSync(path, `${COMPONENT}# changed\n`);
    expect((await publish(g, target(path), { bump: 'minor' }, hooks(path))).version).toBe('1.11.0');
    writeFileSync(path, `${COMPONENT}# changed again\n`);
    expect((await publish(g, target(path), { bump: 'major' }, hooks(path))).version).toBe('2.0.0');
  });

  it('refuses a --version that exists, and sends no create', async () => {
    const name = uniqueName();
    fake.seed('component', name, '1.4.0');
    const path = doc(COMPONENT, { name, platform: 'Linux' });
    const before = fake.count('CreateComponent');
    const error = await failure(publish(await gateway(), target(path, { version: '1.4.0' }), {}, hooks(path)));
    expect(error.errorName).toBe('VersionExists');
    expect(error.exitCode).toBe(1);
    expect(fake.count('CreateComponent')).toBe(before);
    const ok = await publish(await gateway(), target(path, { version: '1.5.0' }), {}, hooks(path));
    expect(ok.version).toBe('1.5.0');
  });

  it('survives a connection dropped after the service created the version: one version, the same token on the retry', async () => {
    const name = uniqueName();
    const path = doc(COMPONENT, { name, platform: 'Linux' });
    fake.fault('CreateComponent', { kind: 'dropAfter' });
    const before = fake.requests.length;
    const result = await publish(await gateway(), target(path), {}, hooks(path));
    const creates = fake.requests.slice(before).filter((r) => r.operation === 'CreateComponent');
    expect(creates).toHaveLength(2);
    expect(creates[1].body.clientToken).toBe(creates[0].body.clientToken);
    expect(fake.builds('component', name)).toEqual([`arn:aws:imagebuilder:us-east-1:111122223333:component/${name}/1.0.0/1`]);
    expect(result.arn).toBe(fake.builds('component', name)[0]);
    expect(metadataOf(path).pending).toBeUndefined();
  });

  it('resumes a publish whose answer never came, in a later run, with the recorded token and version', async () => {
    const name = uniqueName();
    const path = doc(COMPONENT, { name, platform: 'Linux' });
    fake.fault('CreateComponent', { kind: 'dropAfter' }, 2);
    const error = await failure(publish(await gateway({ maxAttempts: 2 }), target(path), {}, hooks(path)));
    expect(error.errorName).toBe('ConnectionDropped');
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/closed before CreateComponent was answered after 2 attempts/);
    const pending = metadataOf(path).pending;
    expect(pending).toMatchObject({ version: '1.0.0', sha256: sha256(COMPONENT) });
    // The version exists but the list lags: without the record a rerun could create 1.0.0 twice.
    fake.listLagMs = 60_000;
    const result = await publish(await gateway(), target(path), {}, hooks(path));
    expect(result.version).toBe('1.0.0');
    const tokens = new Set(fake.requests.filter((r) => r.operation === 'CreateComponent' && r.body.name === name).map((r) => r.body.clientToken));
    expect([...tokens]).toEqual([pending.clientToken]);
    expect(fake.builds('component', name)).toHaveLength(1);
    expect(metadataOf(path)).toMatchObject({ version: '1.0.0', arn: result.arn });
    expect(metadataOf(path).pending).toBeUndefined();
  });

  it('retries throttling with the SDK default backoff, then succeeds with one token', async () => {
    const name = uniqueName();
    const path = doc(COMPONENT, { name, platform: 'Linux' });
    fake.throttle('CreateComponent', 2);
    const g = await connect({ region: 'us-east-1', endpoint: fake.url });
    gateways.push(g);
    const before = fake.requests.length;
    const result = await publish(g, target(path), {}, hooks(path));
    const creates = fake.requests.slice(before).filter((r) => r.operation === 'CreateComponent');
    expect(creates).toHaveLength(3);
    expect(new Set(creates.map((r) => r.body.clientToken)).size).toBe(1);
    expect(result.version).toBe('1.0.0');
    expect(result.requests).toBe(4);
  });

  it('says so when throttling outlasts the retries', async () => {
    const path = doc(COMPONENT, { name: uniqueName(), platform: 'Linux' });
    fake.throttle('ListComponents', 10);
    const error = await failure(publish(await gateway({ maxAttempts: 3 }), target(path), {}, hooks(path)));
    expect(error.errorName).toBe('Throttled');
    expect(error.exitCode).toBe(1);
    expect(error.message).toMatch(/throttling ListComponents requests .*after 3 attempts/);
  });

  it('retries a 5xx answer', async () => {
    const path = doc(COMPONENT, { name: uniqueName(), platform: 'Linux' });
    fake.fault('ListComponents', { kind: 'error', status: 503, type: 'ServiceUnavailableException', message: 'busy' });
    fake.fault('CreateComponent', { kind: 'error', status: 500, type: 'ServiceException', message: 'oops' });
    expect((await publish(await gateway(), target(path), {}, hooks(path))).version).toBe('1.0.0');
  });

  it('bumps the recorded version when the list lags behind it', async () => {
    const name = uniqueName();
    for (const v of ['1.0.0', '1.0.1', '1.0.2']) fake.seed('component', name, v);
    fake.seed('component', name, '1.0.5', { ageMs: 0 });
    fake.listLagMs = 60_000;
    const g = await gateway();
    expect((await listVersions(g, { kind: 'component', name })).versions.map((v) => v.version)).toEqual(['1.0.0', '1.0.1', '1.0.2']);
    const path = doc(COMPONENT, { name, platform: 'Linux', version: '1.0.5', arn: `arn:aws:imagebuilder:us-east-1:111122223333:component/${name}/1.0.5/1` });
    expect((await publish(g, target(path), {}, hooks(path))).version).toBe('1.0.6');
  });

  it('does not publish an unchanged document again, unless forced', async () => {
    const name = uniqueName();
    const path = doc(COMPONENT, { name, platform: 'Linux' });
    const g = await gateway();
    const first = await publish(g, target(path), {}, hooks(path));
    const before = fake.count();
    const again = await publish(g, target(path), {}, hooks(path));
    expect(again).toMatchObject({ ok: true, unchanged: true, version: '1.0.0', arn: first.arn, requests: 0 });
    expect(again.message).toMatch(/^Unchanged/);
    expect(fake.count()).toBe(before);
    const forced = await publish(g, target(path), { force: true }, hooks(path));
    expect(forced.version).toBe('1.0.1');
  });

  it.each(['BUILD', 'TEST', 'DISTRIBUTION'] as const)('publishes a %s workflow under its type', async (type) => {
    const action = type === 'DISTRIBUTION' ? 'DistributeImage' : type === 'TEST' ? 'CollectImageScanFindings' : 'ExecuteComponents';
    const name = uniqueName();
    // Same name, other type: a different resource, whose versions do not count.
    fake.seed('workflow', name, '3.0.0', { type: type === 'BUILD' ? 'TEST' : 'BUILD' });
    fake.seed('workflow', name, '1.1.0', { type });
    const path = doc(workflow(action), { name, type });
    const result = await publish(await gateway(), target(path), {}, hooks(path));
    expect(result.version).toBe('1.1.1');
    expect(result.arn).toBe(`arn:aws:imagebuilder:us-east-1:111122223333:workflow/${type.toLowerCase()}/${name}/1.1.1/1`);
    expect(result.latestVersionReferences?.latestVersionArn).toMatch(new RegExp(`workflow/${type.toLowerCase()}/${name}/x\\.x\\.x$`));
  });
});

describe('credentials and access', () => {
  it('explains access denied (exit 1)', async () => {
    fake.rejectedKeys.set(TEST_ACCESS_KEY, 'AccessDeniedException');
    const path = doc(COMPONENT, { name: uniqueName(), platform: 'Linux' });
    const error = await failure(dryRun(await gateway(), target(path)));
    expect(error).toMatchObject({ errorName: 'AccessDenied', exitCode: 1 });
    expect(error.message).toMatch(/needs an IAM policy that allows imagebuilder:CreateComponent/);
  });

  it('explains credentials the service says are expired (exit 2)', async () => {
    fake.rejectedKeys.set(TEST_ACCESS_KEY, 'ExpiredTokenException');
    const path = doc(COMPONENT, { name: uniqueName(), platform: 'Linux' });
    const error = await failure(publish(await gateway(), target(path), {}, hooks(path)));
    expect(error).toMatchObject({ errorName: 'ExpiredCredentials', exitCode: 2 });
    expect(error.message).toMatch(/expired.*aws sso login/s);
  });

  it('stops before sending when the credentials carry an expiry in the past', async () => {
    process.env.AWS_CREDENTIAL_EXPIRATION = '2020-01-01T00:00:00Z';
    process.env.AWS_SESSION_TOKEN = 'session-token-secret-value';
    try {
      const before = fake.count();
      const error = await failure(gateway());
      expect(error).toMatchObject({ errorName: 'ExpiredCredentials', exitCode: 2 });
      expect(error.message).not.toContain('session-token-secret-value');
      expect(fake.count()).toBe(before);
    } finally {
      delete process.env.AWS_CREDENTIAL_EXPIRATION;
      delete process.env.AWS_SESSION_TOKEN;
    }
  });

  it('bounds the time the credential chain may take, and sends nothing', async () => {
    // A container credentials endpoint that accepts connections and never answers.
    const { createServer } = await import('node:http');
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `http://127.0.0.1:${(silent.address() as { port: number }).port}/creds`;
    try {
      const before = fake.count();
      const started = Date.now();
      const error = await failure(connect({ region: 'us-east-1', endpoint: fake.url, credentialTimeoutMs: 300 }));
      expect(error).toMatchObject({ errorName: 'NoCredentials', exitCode: 2 });
      expect(error.message).toMatch(/^No AWS credentials found within 0\.3 s\./);
      expect(Date.now() - started).toBeLessThan(900);
      expect(fake.count()).toBe(before);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved.id;
      process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
      delete process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('names an unreachable endpoint (exit 2)', async () => {
    const error = await failure(connect({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', maxAttempts: 2, retryDelayMs: 1 }).then((g) => {
      gateways.push(g);
      return listVersions(g, { kind: 'component', name: 'x-y-z' });
    }));
    expect(error).toMatchObject({ errorName: 'EndpointUnreachable', exitCode: 2 });
    expect(error.message).toMatch(/Cannot reach http:\/\/127\.0\.0\.1:9 for ListComponents after 2 attempts/);
  });

  it('times out an operation that gets no answer, and cancels on request', async () => {
    fake.fault('ListComponents', { kind: 'delay', ms: 3000 });
    const slow = await gateway({ operationTimeoutMs: 200, maxAttempts: 1 });
    expect(await failure(listVersions(slow, { kind: 'component', name: 'slow-one' }))).toMatchObject({ errorName: 'Timeout', exitCode: 2 });
    fake.fault('ListComponents', { kind: 'delay', ms: 3000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    expect(await failure(listVersions(await gateway(), { kind: 'component', name: 'slow-two' }, controller.signal))).toMatchObject({ errorName: 'Cancelled' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('DistributeImage and RetryImage', () => {
  const dc = 'arn:aws:imagebuilder:us-east-1:111122223333:distribution-configuration/copy-to-eu';
  const role = 'arn:aws:iam::111122223333:role/ImageBuilderDistribution';

  it('distributes an image and returns the new image build-version ARN to follow', async () => {
    fake.distributionConfigurations.add(dc);
    const before = fake.requests.length;
    const result = await distributeImage(await gateway(), { sourceImage: 'ami-1234567890abcdef0', distributionConfigurationArn: dc, executionRole: role, tags: { team: 'platform' }, logGroup: '/aws/imagebuilder/dist' });
    expect(result.imageBuildVersionArn).toMatch(/^arn:aws:imagebuilder:us-east-1:111122223333:image\/distribute-ami-1234567890abcdef0\/1\.0\.0\/\d+$/);
    const sent = fake.requests.slice(before);
    expect(sent.map((r) => [r.method, r.path])).toEqual([['PUT', '/DistributeImage']]);
    expect(sent[0].body).toMatchObject({ sourceImage: 'ami-1234567890abcdef0', distributionConfigurationArn: dc, executionRole: role, tags: { team: 'platform' }, loggingConfiguration: { logGroupName: '/aws/imagebuilder/dist' } });
    expect(sent[0].body.clientToken).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports ResourceNotFoundException for an unknown distribution configuration, and refuses a bad ARN before sending', async () => {
    const g = await gateway();
    const error = await failure(distributeImage(g, { sourceImage: 'ami-1234567890abcdef0', distributionConfigurationArn: `${dc}-missing`, executionRole: role }));
    expect(error).toMatchObject({ errorName: 'ResourceNotFoundException', exitCode: 1 });
    const before = fake.count();
    expect(await failure(distributeImage(g, { sourceImage: 'ami-1', distributionConfigurationArn: 'copy-to-eu', executionRole: role }))).toMatchObject({ errorName: 'InvalidArgument', exitCode: 2 });
    expect(fake.count()).toBe(before);
  });

  it('retries a failed image, and reports the service refusal for a running one', async () => {
    const failed = 'arn:aws:imagebuilder:us-east-1:111122223333:image/web/1.2.0/3';
    const running = 'arn:aws:imagebuilder:us-east-1:111122223333:image/web/1.2.0/4';
    fake.images.set(failed, 'FAILED');
    fake.images.set(running, 'BUILDING');
    const g = await gateway();
    expect((await retryImage(g, failed)).imageBuildVersionArn).toBe(failed);
    expect(fake.requests.at(-1)!.body).toMatchObject({ imageBuildVersionArn: failed });
    const error = await failure(retryImage(g, running));
    expect(error).toMatchObject({ errorName: 'ResourceInUseException', exitCode: 1 });
  });
});
