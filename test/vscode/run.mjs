#!/usr/bin/env node
/**
 * Runs the extension tests in a real VS Code: @vscode/test-electron's runTests() with
 * code-server + headless Chromium behind the shim (code-shim.mjs), on the packaged extension
 * (scripts/package.mjs) installed from its .vsix, in three sessions:
 *   main        the extension alone: the installed .vsix, activation, diagnostics, commands,
 *               completion, quick fixes, code lenses, dry run and publish against a local
 *               endpoint, screenshot
 *   yaml        beside a stand-in for the Red Hat YAML extension (yaml-language-server from npm
 *               with SchemaStore-style associations): no duplicates, no foreign schemas
 *   untrusted   Restricted Mode: validation works, AWS commands are refused with a reason
 *   terraform   a workspace of Terraform files only, without a Terraform extension: the
 *               extension activates for it and checks the .tf file (plain text to VS Code)
 * Each session opens a fresh copy of examples/ plus test/vscode/fixtures/workspace (terraform:
 * only test/vscode/fixtures/workspace/terraform).
 *   node test/vscode/run.mjs [session...] [--suites=a,b]   (--suites: only these suites)
 * Needs dist/ (npm run build), code-server and chromium (scripts/install-code-server.sh).
 */
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { startFakeImagebuilder } from './fakeEndpoint.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const out = join(root, '.vscode-test/out');
const artifacts = join(root, 'test-artifacts');
const args = process.argv.slice(2);
const chosen = args.filter((a) => !a.startsWith('--'));
const onlySuites = args.find((a) => a.startsWith('--suites='))?.slice('--suites='.length).split(',');

// Without code-server or Chromium the tests fail when CI is set (.ci/run installs both) and
// are skipped otherwise, loudly, as the other editor tests are.
const codeServer = process.env.CODE_SERVER_BIN || join(root, '.vscode-test/code-server/node_modules/.bin/code-server');
const chromium = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const missing = [[codeServer, 'code-server'], [chromium, 'chromium']].filter(([path]) => !existsSync(path)).map(([, name]) => name);
if (missing.length) {
  const message = `VS Code extension tests: ${missing.join(' and ')} not installed; run scripts/install-code-server.sh (as root for its apt packages)`;
  if (process.env.CI) {
    console.error(`${message}.`);
    process.exit(2);
  }
  console.error(`\nSKIPPED: ${message}. They run, and fail without it, when CI is set.\n`);
  process.exit(0);
}
if (!existsSync(join(root, 'dist/client.js')) || !existsSync(join(root, 'dist/cli.js'))) {
  console.error('test:vscode: dist/ is not built; run npm run build');
  process.exit(2);
}

// The tests and the YAML stand-in, bundled; mocha, vscode and yaml-language-server stay external
// (mocha's describe/it must be the instance that runs them).
rmSync(out, { recursive: true, force: true });
const suiteDir = join(here, 'suite');
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', external: ['vscode', 'mocha', 'yaml-language-server'] };
await build({ ...common, entryPoints: readdirSync(suiteDir).filter((f) => f.endsWith('.ts')).map((f) => join(suiteDir, f)), outdir: join(out, 'suite') });
// The YAML stand-in is installed from a .vsix, as the real YAML extension would be.
const standin = join(out, 'yaml-standin');
await build({ ...common, entryPoints: [join(here, 'yaml-standin/extension.ts')], outfile: join(standin, 'extension.js') });
for (const file of ['package.json', 'README.md']) cpSync(join(here, 'yaml-standin', file), join(standin, file));
const standinVsix = join(out, 'yaml-standin.vsix');
execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', standinVsix], { cwd: standin, stdio: 'pipe' });

// Every session tests the packaged extension, installed from its .vsix as a user installs it;
// the tests run from an empty host extension (a development copy would take its place).
const vsix = join(out, 'imagebuilder-yaml.vsix');
execFileSync(process.execPath, [join(root, 'scripts/package.mjs'), '--no-build', '--quiet', '--out', vsix], { stdio: 'pipe' });
const host = join(here, 'host');
const sessions = {
  main: { suites: ['vsix', 'activation', 'commands', 'server-features', 'screenshot'], install: [vsix] },
  yaml: { suites: ['yaml-extension'], install: [vsix, standinVsix] },
  untrusted: { suites: ['untrusted'], install: [vsix], trust: true },
  terraform: { suites: ['terraform'], install: [vsix], folders: [join(here, 'fixtures/workspace/terraform')] },
};

const endpoint = await startFakeImagebuilder(root);
mkdirSync(artifacts, { recursive: true });
let failed = 0;
let testsPassed = 0;
let testsFailed = 0;
const started = Date.now();
for (const [name, session] of Object.entries(sessions)) {
  if (chosen.length && !chosen.includes(name)) continue;
  if (onlySuites) session.suites = session.suites.filter((s) => onlySuites.includes(s));
  if (!session.suites.length) continue;
  const scratch = mkdtempSync(join(tmpdir(), `ib-vscode-${name}-`));
  const workspace = join(scratch, 'workspace');
  for (const folder of session.folders ?? [join(root, 'examples'), join(here, 'fixtures/workspace')]) cpSync(folder, workspace, { recursive: true });
  if (endpoint) {
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode/settings.json'), JSON.stringify({ 'imagebuilder.endpoint': endpoint.url, 'imagebuilder.region': 'us-east-1' }, null, 2));
  }
  for (const vsix of session.install ?? []) {
    execFileSync(codeServer, ['--extensions-dir', join(scratch, 'extensions'), '--user-data-dir', join(scratch, 'user-data'), '--install-extension', vsix], { stdio: 'pipe' });
  }
  const log = join(scratch, 'mocha.log');
  const t0 = Date.now();
  let code = 0;
  try {
    await runTests({
      vscodeExecutablePath: join(here, 'code-shim.mjs'),
      extensionDevelopmentPath: host,
      extensionTestsPath: join(out, 'suite/index.js'),
      launchArgs: [workspace, `--user-data-dir=${join(scratch, 'user-data')}`, `--extensions-dir=${join(scratch, 'extensions')}`],
      extensionTestsEnv: {
        IB_SUITES: session.suites.join(','),
        IB_TEST_LOG: log,
        IB_WORKSPACE: workspace,
        IB_ROOT: root,
        IB_ENDPOINT: endpoint?.url ?? '',
        IB_DISTRIBUTION_CONFIGURATION: endpoint?.distributionConfiguration ?? '',
        IB_FAILED_IMAGE: endpoint?.failedImage ?? '',
        IB_ARTIFACTS: artifacts,
        SHIM_SCREENSHOT_DIR: join(scratch, 'screenshots'),
        SHIM_WORKSPACE_TRUST: session.trust ? '1' : '0',
        CODE_SERVER_BIN: codeServer,
        IB_YAML_LANGUAGE_SERVER: join(root, 'node_modules/yaml-language-server/out/server/src/server.js'),
        // The AWS SDK in the language server talks to the local endpoint with dummy credentials,
        // and cannot find a developer's real ones.
        AWS_CONFIG_FILE: join(scratch, 'no-aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(scratch, 'no-aws-credentials'),
        AWS_ACCESS_KEY_ID: 'AKIDEXTENSIONTEST',
        AWS_SECRET_ACCESS_KEY: 'extension-test-secret',
        AWS_REGION: 'us-east-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
  } catch (error) {
    code = error?.code ?? 1;
  }
  const report = existsSync(log) ? readFileSync(log, 'utf8') : '(no test output: the extension host did not run the tests)\n';
  console.log(`\n=== VS Code session "${name}" (${session.suites.join(', ')}): exit ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s\n${report}`);
  if (code !== 0) failed++;
  else rmSync(scratch, { recursive: true, force: true });
  // mocha's spec reporter ends with "N passing" and, when any failed, "M failing".
  testsPassed += Number(/(\d+) passing/.exec(report)?.[1] ?? 0);
  testsFailed += Number(/(\d+) failing/.exec(report)?.[1] ?? (code !== 0 ? 1 : 0));
}
await endpoint?.close();
console.log(`VS Code extension tests: ${failed ? `${failed} session(s) failed` : 'all sessions passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
// The plain closing line CI reads, for the tests in the real VS Code.
console.log(`vscode: ${testsPassed} passed, ${testsFailed} failed`);
process.exit(failed ? 1 : 0);
