/**
 * Image Builder calls against the local endpoint of the tests (not a timed test): HTTP requests
 * per publish in the common cases, and the time of a dry run in-process and through the CLI.
 *   npm run bench:aws
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../server/src/aws/gateway';
import { dryRun, publish } from '../server/src/aws/operations';
import { resolveTarget } from '../server/src/aws/target';
import { updateDocumentMetadata } from '../server/src/project/metadata';
import { FakeImagebuilder } from '../test/support/fakeImagebuilder';
import { fakeAwsEnv } from '../test/support/awsEnv';

const COMPONENT = 'name: Bench\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Say\n        action: ExecuteBash\n        inputs:\n          commands:\n            - echo bench\n';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const fake = await new FakeImagebuilder().start();
  const dir = mkdtempSync(join(tmpdir(), 'ib-bench-aws-'));
  const env = fakeAwsEnv(fake.url);
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, env);
  const gateway = await connect({ region: 'us-east-1', endpoint: fake.url });
  let n = 0;
  const doc = (name: string, text = COMPONENT) => {
    const folder = mkdtempSync(join(dir, `d${n++}-`));
    const path = join(folder, 'doc.yaml');
    writeFileSync(path, text);
    writeFileSync(join(folder, '.imagebuilder.json'), JSON.stringify({ documents: { 'doc.yaml': { name, platform: 'Linux' } } }));
    return path;
  };
  const run = async (label: string, path: string, setup = () => {}) => {
    setup();
    const before = fake.count();
    const target = resolveTarget(COMPONENT, path, {});
    const result = await publish(gateway, target, {}, { record: (c) => updateDocumentMetadata(path, c) });
    console.log(`${label.padEnd(58)} ${String(fake.count() - before).padStart(2)} requests (SDK count ${result.requests}) -> ${result.version}`);
  };

  console.log('Requests per publish (HTTP requests the endpoint received):');
  await run('new name (1 list page + create)', doc('bench-new'));
  const many = doc('bench-many');
  await run('name with 60 versions (3 list pages of 25 + create)', many, () => {
    for (let i = 0; i < 60; i++) fake.seed('component', 'bench-many', `1.0.${i}`);
  });
  await run('unchanged text (nothing sent)', many);
  await run('connection dropped after create (list + create + retry)', doc('bench-drop'), () => fake.fault('CreateComponent', { kind: 'dropAfter' }));
  await run('throttled twice (list + 3 creates)', doc('bench-throttle'), () => fake.throttle('CreateComponent', 2));

  const path = doc('bench-dry');
  const target = resolveTarget(COMPONENT, path, {});
  for (let i = 0; i < 5; i++) await dryRun(gateway, target);
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await dryRun(gateway, target);
    times.push(performance.now() - t);
  }
  console.log(`\nDry run in-process (warm client, 1 request): median ${median(times).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)} over ${times.length}`);

  const cli = join(__dirname, '..', 'bin', 'imagebuilder-yaml.js');
  const wall: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    const code = await new Promise<number | null>((resolve) => spawn(process.execPath, [cli, 'dry-run', path], { env, stdio: 'ignore' }).on('close', resolve));
    if (code !== 0) throw new Error(`CLI dry-run exited ${code}`);
    wall.push(performance.now() - t);
  }
  console.log(`Dry run through the CLI (new process, lint + credentials + 1 request): median ${median(wall).toFixed(0)} ms over ${wall.length}`);
  gateway.client.destroy();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
