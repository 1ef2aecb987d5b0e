/**
 * Environments for AWS tests: dummy credentials that reach only the local endpoint, and no way
 * to find a developer's real credentials (HOME and the AWS config files point at an empty
 * temporary folder, every AWS_* variable of the outer environment is dropped, IMDS is off).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEST_ACCESS_KEY = 'AKIDLOCALTEST0000001';
/** Never sent over the wire (SigV4 sends a signature); must never appear in any output. */
export const TEST_SECRET = 'verySecretLocalTestKey/DoNotPrint+0123456789';

let emptyHome: string | undefined;

export function isolatedEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  emptyHome ??= mkdtempSync(join(tmpdir(), 'ib-home-'));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_')) env[key] = value;
  Object.assign(env, {
    HOME: emptyHome,
    USERPROFILE: emptyHome,
    AWS_CONFIG_FILE: join(emptyHome, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(emptyHome, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NO_COLOR: '1',
  });
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Credentials, Region and endpoint for the local fake. */
export function fakeAwsEnv(endpoint: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return isolatedEnv({
    AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: TEST_SECRET,
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_IMAGEBUILDER: endpoint,
    ...extra,
  });
}
