#!/usr/bin/env node
// Bundles the CLI (and later the server and client) with esbuild, then writes the JSON Schemas
// and the diagnostics list from the service's own tables, so they never drift apart.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemasOnly = process.argv.includes('--schemas');

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
const entries = {
  cli: 'server/src/cli/main.ts',
  generate: 'scripts/generate.ts',
};
if (!schemasOnly) {
  entries.bench = 'bench/bench.ts';
}
await Promise.all(
  Object.entries(entries).map(([name, entry]) =>
    build({ ...common, entryPoints: [join(root, entry)], outfile: join(root, 'dist', `${name}.js`) }),
  ),
);

// Generated artefacts: schemas/*.json and docs/diagnostics.md.
const require = createRequire(import.meta.url);
const { generatedFiles } = require(join(root, 'dist', 'generate.js'));
for (const [path, content] of Object.entries(generatedFiles())) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
