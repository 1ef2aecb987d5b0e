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

// The tree-sitter addons (Terraform) load native binaries from their own package folders at run time.
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', external: ['tree-sitter', '@tree-sitter-grammars/tree-sitter-hcl'] };
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

// 2. The programs, bundled with the precompiled validators. The CLI loads the language server
// and the AWS commands from bundles of their own, only when asked for them, so `lint` starts
// without parsing the AWS SDK.
const onDemand = {
  name: 'on-demand-bundles',
  setup(build) {
    // importer -> (import path -> bundle), for the `require()` calls made on demand.
    const targets = {
      [join('cli', 'main.ts')]: { '../lsp/server': './lsp.js', './awsMain': './aws.js' },
      [join('features', 'aws.ts')]: { '../awsCommands': './aws-lsp.js' },
    };
    build.onResolve({ filter: /^(\.\.\/lsp\/server|\.\/awsMain|\.\.\/awsCommands)$/ }, (args) => {
      const entry = Object.entries(targets).find(([importer]) => args.importer.endsWith(importer));
      const path = entry?.[1][args.path];
      return path ? { path, external: true } : undefined;
    });
  },
};
await Promise.all([
  build({ ...common, entryPoints: [join(root, 'server/src/cli/main.ts')], outfile: join(root, 'dist', 'cli.js'), plugins: [onDemand] }),
  build({ ...common, entryPoints: [join(root, 'server/src/lsp/server.ts')], outfile: join(root, 'dist', 'lsp.js'), plugins: [onDemand] }),
  bundle('aws-lsp', 'server/src/lsp/awsCommands.ts'),
  bundle('aws', 'server/src/cli/awsMain.ts'),
  bundle('bench', 'bench/bench.ts'),
  bundle('bench-iac', 'bench/iac.ts'),
  // The VS Code API is provided by the editor at run time.
  // The document skeletons of New Component / New Workflow are YAML files, bundled as text.
  build({ ...common, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(root, 'dist', 'client.js'), external: ['vscode'], loader: { '.yaml': 'text' } }),
]);
