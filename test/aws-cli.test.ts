/**
 * dry-run, publish, versions, distribute-image and retry-image as users run them: the bundled
 * CLI as a child process (`node bin/imagebuilder-yaml.js`, i.e. dist/cli.js), real files, the
 * real SDK, against the local Image Builder endpoint reached through AWS_ENDPOINT_URL_IMAGEBUILDER
 * or --endpoint.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeImagebuilder } from './support/fakeImagebuilder';
import { TEST_SECRET, fakeAwsEnv, isolatedEnv } from './support/awsEnv';
import { COMPONENT } from './support/awsDocuments';

const root = join(__dirname, '..');
const bin = join(root, 'bin', 'imagebuilder-yaml.js');

const BROKEN = `${COMPONENT}      - name: Oops
        action: ExecuteBashh
`;
const DISTRIBUTION = `name: Release
schemaVersion: 1.0
steps:
  - name: Copy
    action: DistributeImage
    inputs:
      region: us-west-2
`;

interface Run { code: number | null; stdout: string; stderr: string; ms: number }

/** Asynchronous on purpose: the endpoint answers from this same process. */
function run(args: string[], env: NodeJS.ProcessEnv, cwd = root): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      // Whatever happened, the secret key is never printed.
      expect(stdout + stderr).not.toContain(TEST_SECRET);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

let fake: FakeImagebuilder;
let dir: string;
let env: NodeJS.ProcessEnv;
let n = 0;

beforeAll(async () => {
  fake = await new FakeImagebuilder().start();
  dir = mkdtempSync(join(tmpdir(), 'ib-awscli-'));
  env = fakeAwsEnv(fake.url);
});
afterAll(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.clearFaults();
  fake.listLagMs = 0;
  fake.rejectedKeys.clear();
});

function project(files: Record<string, string>, metadata?: unknown): string {
  const folder = join(dir, `p${n++}`);
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  if (metadata !== undefined) writeFileSync(join(folder, '.imagebuilder.json'), typeof metadata === 'string' ? metadata : `${JSON.stringify(metadata, null, 2)}\n`);
  return folder;
}

const name = () => `cli-${n++}-${Date.now().toString(36)}`;

describe('imagebuilder-yaml dry-run', () => {
  it('exits 0 when Image Builder answers DryRunOperationException', async () => {
    const id = name();
    const folder = project({ 'hello.yaml': COMPONENT }, { documents: { 'hello.yaml': { name: id, platform: 'Linux' } } });
    const before = fake.count();
    const result = await run(['dry-run', join(folder, 'hello.yaml')], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Dry run passed: Image Builder would accept component '${id}' 1.0.0 in us-east-1`));
    expect(fake.requests.slice(before).map((r) => [r.operation, r.body.dryRun, r.body.data])).toEqual([['CreateComponent', true, COMPONENT]]);
  });

  it('refuses a document with lint errors: exit 1, nothing sent; --force sends it', async () => {
    const folder = project({ 'broken.yaml': BROKEN }, { documents: { 'broken.yaml': { name: name(), platform: 'Linux' } } });
    const before = fake.count();
    const refused = await run(['dry-run', join(folder, 'broken.yaml')], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/broken\.yaml:12:17 error unknown-action/);
    expect(refused.stderr).toMatch(/nothing was sent to Image Builder/);
    expect(fake.count()).toBe(before);
    const forced = await run(['dry-run', join(folder, 'broken.yaml'), '--force'], env);
    expect(forced.code).toBe(0);
    expect(fake.count()).toBe(before + 1);
  });

  it('prints a service refusal with its name and message at the line it names (exit 1)', async () => {
    const folder = project({ 'release.yaml': DISTRIBUTION });
    // The flags give what metadata would; BUILD makes the service refuse the DistributeImage step.
    const result = await run(['dry-run', join(folder, 'release.yaml'), '--name', name(), '--workflow-type', 'BUILD', '--force'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/release\.yaml:4:11 error InvalidRequestException InvalidRequestException: Step 'Copy' uses action 'DistributeImage', which is not allowed in a BUILD workflow\./);
  });

  it('places a parameter complaint on the request, saying where the value came from', async () => {
    const folder = project({ 'hello.yaml': COMPONENT });
    fake.fault('CreateComponent', { kind: 'error', status: 400, type: 'InvalidParameterValueException', message: "The value supplied for parameter 'description' is not valid. too long" });
    const result = await run(['dry-run', join(folder, 'hello.yaml'), '--name', name(), '--platform', 'linux', '--description', 'x'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/hello\.yaml:1:1 error InvalidParameterValueException .*parameter 'description'.*comes from the flags or \.imagebuilder\.json/);
  });

  it('dry-runs workflows of every type, DISTRIBUTION included, with --endpoint instead of the variable', async () => {
    const id = name();
    const folder = project({ 'release.yaml': DISTRIBUTION }, { documents: { 'release.yaml': { name: id, type: 'DISTRIBUTION' } } });
    const result = await run(['dry-run', join(folder, 'release.yaml'), '--endpoint', fake.url, '--region', 'eu-west-1'], { ...env, AWS_ENDPOINT_URL_IMAGEBUILDER: 'http://127.0.0.1:9', AWS_REGION: undefined });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/DISTRIBUTION.*eu-west-1/);
    const sent = fake.requests.at(-1)!;
    expect(sent).toMatchObject({ operation: 'CreateWorkflow', body: { type: 'DISTRIBUTION', name: id, dryRun: true } });
    expect(String(sent.headers.authorization)).toMatch(/\/eu-west-1\/imagebuilder\/aws4_request/);
  });

  it('uses AWS_ENDPOINT_URL when no service-specific variable is set', async () => {
    const folder = project({ 'hello.yaml': COMPONENT }, { documents: { 'hello.yaml': { name: name(), platform: 'Linux' } } });
    const result = await run(['dry-run', join(folder, 'hello.yaml')], { ...env, AWS_ENDPOINT_URL_IMAGEBUILDER: undefined, AWS_ENDPOINT_URL: fake.url });
    expect(result.code).toBe(0);
  });
});

describe('imagebuilder-yaml publish', () => {
  it('creates .imagebuilder.json next to a document that has none, prints the ARNs, then says unchanged', async () => {
    const id = name();
    const folder = project({ 'hello.yaml': COMPONENT });
    const first = await run(['publish', join(folder, 'hello.yaml'), '--name', id, '--platform', 'Linux'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const base = `arn:aws:imagebuilder:us-east-1:111122223333:component/${id}`;
    expect(first.stdout).toContain(`Published component '${id}' 1.0.0: ${base}/1.0.0/1`);
    for (const line of [`latestVersionArn:      ${base}/x.x.x`, `latestMajorVersionArn: ${base}/1.x.x`, `latestMinorVersionArn: ${base}/1.0.x`, `latestPatchVersionArn: ${base}/1.0.0`]) {
      expect(first.stdout).toContain(line);
    }
    const metadata = JSON.parse(readFileSync(join(folder, '.imagebuilder.json'), 'utf8'));
    expect(metadata.documents['hello.yaml']).toMatchObject({ version: '1.0.0', arn: `${base}/1.0.0/1`, name: id, platform: 'Linux' });
    expect(metadata.documents['hello.yaml'].sha256).toMatch(/^[0-9a-f]{64}$/);
    // The next run needs no flags; the same text is not published again.
    const before = fake.count();
    const again = await run(['publish', join(folder, 'hello.yaml')], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Unchanged: .* 1\.0\.0 already has this exact text/);
    expect(fake.count()).toBe(before);
    writeFileSync(join(folder, 'hello.yaml'), COMPONENT.replace('echo hello', 'echo hello again'));
    const changed = await run(['publish', join(folder, 'hello.yaml'), '--bump', 'minor'], env);
    expect(changed.code).toBe(0);
    expect(changed.stdout).toContain(`${base}/1.1.0/1`);
  });

  it('publishes over several pages of versions with semver order, keeping the other entries and key order', async () => {
    const id = name();
    fake.seed('component', id, '1.10.0');
    for (let i = 0; i < 30; i++) fake.seed('component', id, `0.0.${i}`);
    fake.seed('component', id, '1.9.7');
    fake.seed('component', id, '1.2.3');
    const original = `{
    "region": "us-east-1",
    "documents": {
        "zeta.yaml": { "name": "other", "platform": "Windows", "custom": [1, 2] },
        "hello.yaml": { "platform": "Linux", "name": "${id}", "version": "1.0.0" },
        "10": { "kept": true }
    },
    "owner": "team-a"
}
`;
    const folder = project({ 'hello.yaml': COMPONENT }, original);
    const result = await run(['publish', join(folder, 'hello.yaml')], { ...env, AWS_REGION: undefined });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`component/${id}/1.10.1/1`);
    const text = readFileSync(join(folder, '.imagebuilder.json'), 'utf8');
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(['region', 'documents', 'owner']);
    expect(text.indexOf('"zeta.yaml"')).toBeLessThan(text.indexOf('"hello.yaml"'));
    expect(text.indexOf('"hello.yaml"')).toBeLessThan(text.indexOf('"10"'));
    expect(parsed.documents['zeta.yaml']).toEqual({ name: 'other', platform: 'Windows', custom: [1, 2] });
    expect(Object.keys(parsed.documents['hello.yaml'])).toEqual(['platform', 'name', 'version', 'arn', 'sha256']);
    expect(parsed.documents['hello.yaml'].version).toBe('1.10.1');
    expect(text).toMatch(/^ {4}"region"/m);
  });

  it('refuses --version that exists (exit 1), publishes one that does not', async () => {
    const id = name();
    fake.seed('component', id, '2.0.0');
    const folder = project({ 'hello.yaml': COMPONENT }, { documents: { 'hello.yaml': { name: id, platform: 'Linux' } } });
    const refused = await run(['publish', join(folder, 'hello.yaml'), '--version', '2.0.0'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`'${id}' 2\\.0\\.0 already exists \\(arn:aws:imagebuilder:us-east-1:111122223333:component/${id}/2\\.0\\.0\\)`));
    expect(fake.builds('component', id)).toHaveLength(1);
    const ok = await run(['publish', join(folder, 'hello.yaml'), '--version', '2.1.0'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`component/${id}/2.1.0/1`);
  });

  it('a dropped connection after the create yields one version, the retry carrying the same token', async () => {
    const id = name();
    const folder = project({ 'release.yaml': DISTRIBUTION }, { documents: { 'release.yaml': { name: id, type: 'DISTRIBUTION' } } });
    fake.fault('CreateWorkflow', { kind: 'dropAfter' });
    const before = fake.requests.length;
    const result = await run(['publish', join(folder, 'release.yaml')], env);
    expect(result.code).toBe(0);
    const creates = fake.requests.slice(before).filter((r) => r.operation === 'CreateWorkflow');
    expect(creates.map((c) => c.body.clientToken)).toEqual([creates[0].body.clientToken, creates[0].body.clientToken]);
    expect(fake.builds('workflow', id, 'DISTRIBUTION')).toEqual([`arn:aws:imagebuilder:us-east-1:111122223333:workflow/distribution/${id}/1.0.0/1`]);
  });

  it('is throttled, retries, and succeeds; when throttling outlasts the retries it says so (exit 1)', async () => {
    const folder = project({ 'hello.yaml': COMPONENT }, { documents: { 'hello.yaml': { name: name(), platform: 'Linux' } } });
    fake.throttle('CreateComponent', 1);
    expect((await run(['publish', join(folder, 'hello.yaml')], env)).code).toBe(0);
    writeFileSync(join(folder, 'hello.yaml'), `${COMPONENT}# v2\n`);
    fake.throttle('ListComponents', 5);
    const result = await run(['publish', join(folder, 'hello.yaml')], { ...env, AWS_MAX_ATTEMPTS: '2' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Image Builder is throttling ListComponents requests .* after 2 attempts\. Wait a minute and try again/);
  });

  it('bumps past the recorded version when the service list lags', async () => {
    const id = name();
    fake.seed('component', id, '1.0.0');
    fake.seed('component', id, '1.3.0', { ageMs: 0 });
    fake.listLagMs = 60_000;
    const folder = project({ 'hello.yaml': COMPONENT }, { documents: { 'hello.yaml': { name: id, platform: 'Linux', version: '1.3.0' } } });
    const result = await run(['publish', join(folder, 'hello.yaml')], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`component/${id}/1.3.1/1`);
  });

  it('refuses a document with lint errors before any request', async () => {
    const folder = project({ 'broken.yaml': BROKEN }, { documents: { 'broken.yaml': { name: name(), platform: 'Linux' } } });
    const before = fake.count();
    const result = await run(['publish', join(folder, 'broken.yaml')], env);
    expect(result.code).toBe(1);
    expect(fake.count()).toBe(before);
  });

  it('explains access denied (exit 1) and expired credentials (exit 2)', async () => {
    const folder = project({ 'hello.yaml': COMPONENT }, { documents: { 'hello.yaml': { name: name(), platform: 'Linux' } } });
    fake.rejectedKeys.set(String(env.AWS_ACCESS_KEY_ID), 'AccessDeniedException');
    const denied = await run(['publish', join(folder, 'hello.yaml')], env);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/^imagebuilder-yaml: Access denied for imagebuilder:ListComponents .* needs an IAM policy that allows imagebuilder:ListComponents in us-east-1\./);
    fake.rejectedKeys.set(String(env.AWS_ACCESS_KEY_ID), 'ExpiredTokenException');
    const expired = await run(['dry-run', join(folder, 'hello.yaml')], env);
    expect(expired.code).toBe(2);
    expect(expired.stderr).toMatch(/credentials have expired \(ExpiredTokenException: The security token included in the request is expired\)\. Refresh them/);
  });

  it('needs a name and a platform, and says how to give them (exit 2, nothing sent)', async () => {
    const folder = project({ 'hello.yaml': COMPONENT });
    const before = fake.count();
    const noName = await run(['publish', join(folder, 'hello.yaml')], env);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(/needs a name in Image Builder: pass --name NAME/);
    const noPlatform = await run(['publish', join(folder, 'hello.yaml'), '--name', 'x-y-z'], env);
    expect(noPlatform.code).toBe(2);
    expect(noPlatform.stderr).toMatch(/needs a platform: pass --platform/);
    expect(fake.count()).toBe(before);
    expect(existsSync(join(folder, '.imagebuilder.json'))).toBe(false);
  });

  it('never overwrites a metadata file that is not JSON, and then sends no create (exit 2)', async () => {
    const folder = project({ 'hello.yaml': COMPONENT }, '{ "documents": { oops');
    const before = fake.count('CreateComponent');
    const result = await run(['publish', join(folder, 'hello.yaml'), '--name', name(), '--platform', 'Linux'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/warning: .*\.imagebuilder\.json: cannot be read/);
    expect(result.stderr).toMatch(/Cannot record the publish in the metadata file: .* is not valid JSON .* Nothing was sent\./);
    expect(fake.count('CreateComponent')).toBe(before);
    expect(readFileSync(join(folder, '.imagebuilder.json'), 'utf8')).toBe('{ "documents": { oops');
  });
});

describe('credentials and endpoints', () => {
  it('without credentials: exit 2 quickly, with advice, and nothing sent', async () => {
    const folder = project({ 'hello.yaml': COMPONENT }, { documents: { 'hello.yaml': { name: name(), platform: 'Linux' } } });
    const before = fake.count();
    const result = await run(['dry-run', join(folder, 'hello.yaml')], isolatedEnv({ AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_IMAGEBUILDER: fake.url }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^imagebuilder-yaml: No AWS credentials found\. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE/);
    expect(result.ms).toBeLessThan(10_000);
    expect(fake.count()).toBe(before);
  });

  it('names a missing profile and a missing Region (exit 2)', async () => {
    const folder = project({ 'hello.yaml': COMPONENT }, { documents: { 'hello.yaml': { name: name(), platform: 'Linux' } } });
    const profile = await run(['versions', join(folder, 'hello.yaml'), '--profile', 'nosuch', '--region', 'us-east-1'], isolatedEnv({ AWS_ENDPOINT_URL_IMAGEBUILDER: fake.url }));
    expect(profile.code).toBe(2);
    expect(profile.stderr).toMatch(/profile 'nosuch'/);
    const region = await run(['versions', join(folder, 'hello.yaml')], { ...env, AWS_REGION: undefined });
    expect(region.code).toBe(2);
    expect(region.stderr).toMatch(/No AWS Region: pass --region, set AWS_REGION/);
  });

  it('reports an unreachable endpoint (exit 2) and a malformed one', async () => {
    const folder = project({ 'hello.yaml': COMPONENT }, { documents: { 'hello.yaml': { name: name(), platform: 'Linux' } } });
    const result = await run(['dry-run', join(folder, 'hello.yaml'), '--endpoint', 'http://127.0.0.1:9'], { ...env, AWS_MAX_ATTEMPTS: '2' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot reach http:\/\/127\.0\.0\.1:9 for CreateComponent after 2 attempts \(ECONNREFUSED\)/);
    const bad = await run(['dry-run', join(folder, 'hello.yaml'), '--endpoint', 'not a url'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/The endpoint 'not a url' is not a URL/);
  });
});

describe('imagebuilder-yaml versions', () => {
  it('lists the published versions in semver order and says what the next publish sends', async () => {
    const id = name();
    for (const v of ['1.10.0', '1.2.3', '1.9.7']) fake.seed('component', id, v);
    const folder = project({ 'hello.yaml': COMPONENT }, { documents: { 'hello.yaml': { name: id } } });
    const result = await run(['versions', join(folder, 'hello.yaml')], env);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`component '${id}': 3 published versions`);
    expect(lines.slice(1, 4).map((l) => l.trim().split(/\s+/)[0])).toEqual(['1.2.3', '1.9.7', '1.10.0']);
    expect(result.stdout).toContain('Next publish: 1.10.1 (--bump minor: 1.11.0, --bump major: 2.0.0)');
  });
});

describe('distribute-image and retry-image', () => {
  const dc = 'arn:aws:imagebuilder:us-east-1:111122223333:distribution-configuration/to-eu';
  const role = 'ImageBuilderDistributionRole';

  it('distribute-image prints the image build-version ARN to follow', async () => {
    fake.distributionConfigurations.add(dc);
    const result = await run(['distribute-image', '--source-image', 'ami-0abc12345678def00', '--distribution-configuration', dc, '--execution-role', role, '--tag', 'team=platform', '--tag', 'stage=prod=1', '--log-group', '/aws/imagebuilder/x'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^arn:aws:imagebuilder:us-east-1:111122223333:image\/distribute-ami-0abc12345678def00\/1\.0\.0\/\d+\n$/);
    expect(fake.requests.at(-1)!.body).toMatchObject({ tags: { team: 'platform', stage: 'prod=1' }, loggingConfiguration: { logGroupName: '/aws/imagebuilder/x' }, executionRole: role });
  });

  it('distribute-image: bad flags are usage errors (exit 2), an unknown configuration is the service refusal (exit 1)', async () => {
    const before = fake.count();
    const missing = await run(['distribute-image', '--source-image', 'ami-0abc12345678def00'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/needs --distribution-configuration, --execution-role/);
    const badTag = await run(['distribute-image', '--source-image', 'ami-1', '--distribution-configuration', dc, '--execution-role', role, '--tag', 'novalue'], env);
    expect(badTag.code).toBe(2);
    expect(fake.count()).toBe(before);
    const unknown = await run(['distribute-image', '--source-image', 'ami-0abc12345678def00', '--distribution-configuration', `${dc}-nope`, '--execution-role', role], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/ResourceNotFoundException: The distribution configuration .* does not exist/);
  });

  it('retry-image retries a failed image and refuses a malformed ARN', async () => {
    const arn = 'arn:aws:imagebuilder:us-east-1:111122223333:image/web/2.0.0/7';
    fake.images.set(arn, 'CANCELLED');
    const result = await run(['retry-image', arn], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${arn}\n`);
    expect(fake.images.get(arn)).toBe('BUILDING');
    const again = await run(['retry-image', arn], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/ResourceInUseException: .* only FAILED or CANCELLED images can be retried/);
    const bad = await run(['retry-image', 'arn:aws:imagebuilder:us-east-1:111122223333:image/web/x.x.x'], env);
    expect(bad.code).toBe(2);
  });
});
