#!/usr/bin/env node
// Builds the project: precompiles the JSON Schemas into validation code and bundles the
// programs with esbuild.
//   node scripts/build.mjs            precompiled validators + dist/ bundles (npm ci, npm test)
//   node scripts/build.mjs --schemas  also rewrites the committed generated files, schemas/*.json
//                                     and docs/diagnostics.md, from the service's own tables
//                                     (a test fails when they are out of date)
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const writeSchemas = process.argv.includes('--schemas');

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
const bundle = (name, entry) => build({ ...common, entryPoints: [join(root, entry)], outfile: join(root, 'dist', `${name}.js`) });
const write = (path, content) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
};

// 1. The generator, from the same tables the service uses.
await bundle('generate', 'scripts/generate.ts');
const require = createRequire(import.meta.url);
const { generatedFiles, validatorsModule } = require(join(root, 'dist', 'generate.js'));
if (writeSchemas) {
  for (const [path, content] of Object.entries(generatedFiles())) write(path, content);
}
write('server/src/service/generated/validators.js', validatorsModule());

// 2. The programs, bundled with the precompiled validators.
await Promise.all([
  bundle('cli', 'server/src/cli/main.ts'),
  bundle('bench', 'bench/bench.ts'),
  // The VS Code API is provided by the editor at run time.
  build({ ...common, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(root, 'dist', 'client.js'), external: ['vscode'] }),
]);
