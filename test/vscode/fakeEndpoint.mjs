/**
 * The local Image Builder endpoint for the dry-run and publish tests: the project's fake
 * (test/support/fakeImagebuilder.ts, node:http on 127.0.0.1), bundled and started here,
 * outside the extension host. Resolves to undefined when that fake is not there.
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export async function startFakeImagebuilder(root) {
  const source = join(root, 'test/support/fakeImagebuilder.ts');
  if (!existsSync(source)) return undefined;
  const outfile = join(root, '.vscode-test/out/fakeImagebuilder.js');
  await build({ entryPoints: [source], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
  const { FakeImagebuilder } = createRequire(import.meta.url)(outfile);
  const fake = await new FakeImagebuilder({ region: 'us-east-1', account: '111122223333' }).start();
  // What Distribute Image and Retry Image act on: distribution settings, and a failed build.
  const distributionConfiguration = 'arn:aws:imagebuilder:us-east-1:111122223333:distribution-configuration/extension-test';
  const failedImage = 'arn:aws:imagebuilder:us-east-1:111122223333:image/extension-test/1.0.0/1';
  fake.distributionConfigurations.add(distributionConfiguration);
  fake.images.set(failedImage, 'FAILED');
  return { url: fake.url, distributionConfiguration, failedImage, close: () => fake.stop() };
}
