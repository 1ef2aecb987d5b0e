/**
 * The pure parts of the AWS adapter: version arithmetic, ARN parsing, where a service message
 * points in a document, error classification, endpoint resolution, and the lenses and source
 * actions (which read only text and metadata).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { afterAll, describe, expect, it } from 'vitest';
import { AwsFailure, classifyError, resolveEndpoint } from '../server/src/aws/gateway';
import { locateServiceError } from '../server/src/aws/locate';
import { sha256 } from '../server/src/aws/operations';
import { highestVersion, isVersion, nextVersion, normalizeName, parseArn } from '../server/src/aws/versions';
import { createAwsFeatures } from '../server/src/lsp/awsCommands';

describe('nextVersion', () => {
  it.each([
    [[], undefined, 'patch', '1.0.0'],
    [['1.2.3', '1.9.7', '1.10.0'], undefined, 'patch', '1.10.1'],
    [['1.2.3', '1.9.7', '1.10.0'], undefined, 'minor', '1.11.0'],
    [['1.2.3', '1.9.7', '1.10.0'], undefined, 'major', '2.0.0'],
    [['1.0.0', '1.0.2'], '1.0.5', 'patch', '1.0.6'],
    [['2.0.0'], '1.0.5', 'patch', '2.0.1'],
    [[], '0.9.9', 'minor', '0.10.0'],
    [['not-a-version', '1.0.0-beta'], undefined, 'patch', '1.0.0'],
  ] as const)('existing %j, recorded %s, bump %s gives %s', (existing, recorded, bump, expected) => {
    expect(nextVersion(existing, recorded, bump)).toBe(expected);
  });

  it('refuses to bump past the largest version node Image Builder accepts', () => {
    expect(() => nextVersion(['1.0.1073741823'], undefined, 'patch')).toThrow(RangeError);
    expect(isVersion('1.0.1073741823')).toBe(true);
    expect(isVersion('1.0.1073741824')).toBe(false);
    expect(isVersion('01.0.0')).toBe(false);
    expect(highestVersion(['1.9.9', '1.10.0', undefined])).toBe('1.10.0');
  });
});

describe('ARNs and names', () => {
  it('parses build, version and wildcard ARNs of components, workflows and images', () => {
    expect(parseArn('arn:aws:imagebuilder:us-west-2:111122223333:component/my-component/1.0.0/2')).toEqual({ partition: 'aws', region: 'us-west-2', account: '111122223333', resource: 'component', name: 'my-component', version: '1.0.0', build: 2 });
    expect(parseArn('arn:aws:imagebuilder:us-east-1:111122223333:workflow/distribution/gated/x.x.x')).toMatchObject({ resource: 'workflow/distribution', name: 'gated', version: 'x.x.x', build: undefined });
    expect(parseArn('arn:aws-cn:imagebuilder:cn-north-1:111122223333:image/web/1.2.0/3')).toMatchObject({ partition: 'aws-cn', resource: 'image' });
    expect(parseArn('arn:aws:s3:::bucket')).toBeUndefined();
  });

  it('normalises names as Image Builder does for ARNs', () => {
    expect(normalizeName('My Component_Name')).toBe('my-component-name');
  });
});

describe('locateServiceError', () => {
  const text = 'name: Flow\nschemaVersion: 1.0\nsteps:\n  - name: Launch\n    action: LaunchInstance\n  - name: Copy\n    action: DistributeImage\n';

  it('places "line N, column M" messages there', () => {
    expect(locateServiceError(text, 'The document is not valid YAML (line 5, column 13): bad')).toMatchObject({ by: 'line', range: { start: { line: 4, character: 12 } } });
    expect(locateServiceError(text, 'Error at line 7')).toMatchObject({ by: 'line', range: { start: { line: 6, character: 4 }, end: { line: 6, character: 27 } } });
    expect(locateServiceError(text, 'line 99 is wrong').range.start.line).toBe(6);
  });

  it('places a quoted step name at its name, a quoted key at the key', () => {
    expect(locateServiceError(text, "Step 'Copy' uses action 'DistributeImage'")).toMatchObject({ by: 'text', range: { start: { line: 5, character: 10 }, end: { line: 5, character: 14 } } });
    expect(locateServiceError(text, "The document is missing 'schemaVersion'.")).toMatchObject({ by: 'text', range: { start: { line: 1, character: 0 } } });
  });

  it('names a request parameter, which comes from metadata, not from the text', () => {
    expect(locateServiceError(text, "The value supplied for parameter 'semanticVersion' is not valid.")).toMatchObject({ by: 'parameter', parameter: 'semanticVersion', range: { start: { line: 0 } } });
    expect(locateServiceError(text, 'Something went wrong.')).toMatchObject({ by: 'document' });
  });
});

describe('classifyError', () => {
  const gateway = { region: 'us-east-1', endpoint: 'http://127.0.0.1:1234', profile: 'dev', redact: (t: string) => t.split('s3cr3tValue').join('****') };
  const sdkError = (name: string, status: number, message: string, attempts = 1) => Object.assign(new Error(message), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status, attempts } });

  it.each([
    ['CallRateLimitExceededException', 429, 'Throttled', 1],
    ['TooManyRequestsException', 429, 'Throttled', 1],
    ['AccessDeniedException', 403, 'AccessDenied', 1],
    ['ForbiddenException', 403, 'AccessDenied', 1],
    ['ExpiredTokenException', 403, 'ExpiredCredentials', 2],
    ['UnrecognizedClientException', 403, 'InvalidCredentials', 2],
    ['InvalidParameterValueException', 400, 'InvalidParameterValueException', 1],
    ['ServiceUnavailableException', 503, 'ServiceUnavailableException', 1],
  ] as const)('%s (%d) is %s, exit %d', (name, status, errorName, exitCode) => {
    expect(classifyError(sdkError(name, status, 'msg', 3), 'CreateComponent', gateway)).toMatchObject({ errorName, exitCode });
  });

  it('tells network failures apart and never repeats a secret', () => {
    expect(classifyError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', $metadata: { attempts: 3 } }), 'ListWorkflows', gateway)).toMatchObject({ errorName: 'EndpointUnreachable', exitCode: 2 });
    expect(classifyError(Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' }), 'CreateWorkflow', gateway)).toMatchObject({ errorName: 'ConnectionDropped', exitCode: 2 });
    expect(classifyError(Object.assign(new Error('timed out'), { name: 'TimeoutError', code: 'ETIMEDOUT' }), 'CreateWorkflow', gateway)).toMatchObject({ errorName: 'Timeout', exitCode: 2 });
    const leaked = classifyError(sdkError('SignatureDoesNotMatch', 403, 'string to sign with s3cr3tValue'), 'GetComponent', gateway);
    expect(leaked.message).not.toContain('s3cr3tValue');
    expect(leaked).toBeInstanceOf(AwsFailure);
  });
});

describe('resolveEndpoint', () => {
  it('takes --endpoint, then AWS_ENDPOINT_URL_IMAGEBUILDER, then AWS_ENDPOINT_URL', () => {
    const env = { AWS_ENDPOINT_URL_IMAGEBUILDER: 'http://a:1', AWS_ENDPOINT_URL: 'http://b:2' };
    expect(resolveEndpoint('https://c', env)).toBe('https://c');
    expect(resolveEndpoint(undefined, env)).toBe('http://a:1');
    expect(resolveEndpoint(undefined, { AWS_ENDPOINT_URL: 'http://b:2' })).toBe('http://b:2');
    expect(resolveEndpoint(undefined, {})).toBeUndefined();
    expect(() => resolveEndpoint('ftp://x', {})).toThrow(/must start with http/);
  });
});

describe('lenses and source actions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ib-lens-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const text = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps: []\n';
  const texts = new Map<string, string>();
  // Lenses and actions read only the text and the metadata; the connection is never used.
  const features = createAwsFeatures({ connection: {} as Connection, text: (uri) => texts.get(uri), settings: () => ({}), awsEnabled: () => true, setServiceDiagnostics: () => undefined });

  it('show the version after the recorded one, "unchanged" for published text, 1.0.0 without a record', () => {
    writeFileSync(join(dir, '.imagebuilder.json'), JSON.stringify({ documents: { 'a.yaml': { name: 'a', version: '2.3.9' }, 'b.yaml': { name: 'b', version: '1.0.0', sha256: sha256(text) } } }));
    for (const f of ['a.yaml', 'b.yaml', 'c.yaml']) texts.set(pathToFileURL(join(dir, f)).href, text);
    const titles = (f: string) => features.codeLenses(pathToFileURL(join(dir, f)).href).map((l) => l.command?.title);
    expect(titles('a.yaml')).toEqual(['Dry run', 'Publish 2.3.10', 'Versions']);
    expect(titles('b.yaml')).toEqual(['Dry run', 'Published 1.0.0 (unchanged)', 'Versions']);
    expect(titles('c.yaml')).toEqual(['Dry run', 'Publish 1.0.0', 'Versions']);
    const actions = features.codeActions(pathToFileURL(join(dir, 'a.yaml')).href);
    expect(actions.map((a) => [a.kind, a.command?.command])).toEqual([['source.imagebuilder.dryRun', 'imagebuilder.server.dryRun'], ['source.imagebuilder.publish', 'imagebuilder.server.publish']]);
    texts.set('untitled:x', 'just: yaml\n');
    expect(features.codeLenses('untitled:x')).toEqual([]);
  });
});
