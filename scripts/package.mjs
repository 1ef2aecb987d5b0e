#!/usr/bin/env node
/**
 * `npm run package`: the VS Code extension as a .vsix, with @vscode/vsce.
 * The npm package (package.json `files`) and the extension ship different things, and vsce
 * refuses a `files` list together with a .vscodeignore, so the extension is staged first: the
 * bundles in dist/ (client and server, built by scripts/build.mjs), schemas, grammars, icon
 * and screenshot, the Marketplace README (client/README.md), CHANGELOG and LICENSE, a manifest
 * without the npm-only fields, and the run-time part of the Terraform parser's native addons
 * (see stageAddons). .vscodeignore then drops source maps and the bench bundle.
 *   node scripts/package.mjs [--out file.vsix] [--no-build]
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outArg = process.argv.indexOf('--out');
const out = resolve(outArg > 0 ? process.argv[outArg + 1] : join(root, `${manifest.name}-${manifest.version}.vsix`));
const stage = join(root, '.vscode-test/package');

if (!process.argv.includes('--no-build')) execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const path of ['dist', 'schemas', 'syntaxes', 'media', 'language-configuration.json', 'CHANGELOG.md', 'LICENSE', '.vscodeignore']) {
  cpSync(join(root, path), join(stage, path), { recursive: true });
}
cpSync(join(root, 'client/README.md'), join(stage, 'README.md'));
const { files, scripts, devDependencies, dependencies, bin, private: _private, ...extension } = manifest;
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(extension, null, 2)}\n`);
stageAddons(join(stage, 'dist/node_modules'));

execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out], { cwd: stage, stdio: process.argv.includes('--quiet') ? 'pipe' : 'inherit' });
console.log(`${out} (${(statSync(out).size / 1024 / 1024).toFixed(2)} MB)`);

/**
 * The Terraform parser, tree-sitter and its HCL grammar, is a pair of Node-API addons that the
 * bundles leave external (`require('tree-sitter')` at run time). The extension ships what they
 * load and nothing else: each one's package.json, JS entry and LICENSE, its prebuilt binaries
 * for the six platforms, the grammar's node-types.json (read by its entry, names the node
 * classes), and node-gyp-build, which picks the binary. No sources, headers, node-addon-api
 * (build time only) or wasm. They go to dist/node_modules/, beside the bundles that require
 * them: vsce drops a top-level node_modules/ with --no-dependencies whatever .vscodeignore says.
 *
 * A binary compiled here (build/Release, when `npm install` built from source because the
 * prebuild does not load on this machine, e.g. tree-sitter's linux-x64 prebuild needs the
 * libstdc++ of GCC 13) takes the place of this platform's prebuild, under the prebuild's name.
 * It is not shipped as build/Release: node-gyp-build prefers build/Release on every platform,
 * so a Linux binary there would be loaded, and fail, on macOS and Windows too.
 */
function stageAddons(target) {
  const platforms = ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64'];
  const here = `${process.platform}-${process.arch}`;
  const fromRoot = createRequire(join(root, 'package.json'));
  const copy = (from, name, files) => {
    for (const file of files) cpSync(join(from, file), join(target, name, file), { recursive: true });
  };
  const packages = [
    ['tree-sitter', ['package.json', 'index.js', 'LICENSE']],
    ['@tree-sitter-grammars/tree-sitter-hcl', ['package.json', 'bindings/node/index.js', 'src/node-types.json', 'LICENSE']],
  ];
  for (const [name, files] of packages) {
    const dir = dirname(fromRoot.resolve(`${name}/package.json`));
    copy(dir, name, files);
    for (const platform of platforms) {
      const prebuilds = join(dir, 'prebuilds', platform);
      if (!existsSync(prebuilds)) throw new Error(`${name} has no prebuilt binary for ${platform}`);
      copy(dir, name, [join('prebuilds', platform)]);
    }
    const release = join(dir, 'build/Release');
    const built = existsSync(release) ? readdirSync(release).filter((f) => f.endsWith('.node')) : [];
    const prebuilt = readdirSync(join(dir, 'prebuilds', here)).filter((f) => f.endsWith('.node'));
    if (built.length === 1 && prebuilt.length === 1 && !loads(join(dir, 'prebuilds', here, prebuilt[0]))) {
      cpSync(join(release, built[0]), join(target, name, 'prebuilds', here, prebuilt[0]));
      console.log(`${name}: its ${here} prebuild does not load here; shipping the binary built here (build/Release/${built[0]}) in its place`);
    }
    // node-gyp-build, as the addon itself resolves it.
    const gyp = dirname(createRequire(join(dir, 'package.json')).resolve('node-gyp-build/package.json'));
    if (!existsSync(join(target, 'node-gyp-build'))) copy(gyp, 'node-gyp-build', ['package.json', 'index.js', 'node-gyp-build.js', 'LICENSE']);
  }
}

/** Whether a native addon loads in this Node (in a child process, so a failure has no side effect). */
function loads(binary) {
  try {
    execFileSync(process.execPath, ['-e', 'process.dlopen({ exports: {} }, process.argv[1])', binary], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
