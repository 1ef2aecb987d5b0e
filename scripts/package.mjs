#!/usr/bin/env node
/**
 * `npm run package`: the VS Code extension as a .vsix, with @vscode/vsce.
 * The npm package (package.json `files`) and the extension ship different things, and vsce
 * refuses a `files` list together with a .vscodeignore, so the extension is staged first: the
 * bundles in dist/ (client and server, built by scripts/build.mjs; no node_modules), schemas,
 * grammars, icon and screenshot, the Marketplace README (client/README.md), CHANGELOG and
 * LICENSE, and a manifest without the npm-only fields. .vscodeignore then drops source maps
 * and the bench bundle.
 *   node scripts/package.mjs [--out file.vsix] [--no-build]
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out], { cwd: stage, stdio: process.argv.includes('--quiet') ? 'pipe' : 'inherit' });
console.log(`${out} (${(statSync(out).size / 1024 / 1024).toFixed(2)} MB)`);
