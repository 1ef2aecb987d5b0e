#!/usr/bin/env node
/**
 * A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }):
 * the VS Code desktop build cannot be downloaded here, so this starts code-server (VS Code 1.99
 * served to a browser) with the same extension-test arguments, opens it in headless Chromium,
 * and exits with the tests' exit code (the workbench calls window.codeAutomationExit).
 *
 * Environment:
 *   CODE_SERVER_BIN        code-server executable (default .vscode-test/code-server/...)
 *   CHROMIUM_BIN           default /usr/bin/chromium
 *   SHIM_SCREENSHOT_DIR    the tests ask about the page through files there (the extension host
 *                          cannot see it): NAME.request holding {"action": "screenshot"} is
 *                          answered with NAME.png; {"action": "texts", "selector": css} and
 *                          {"action": "click", "selector": css, "text": label} with NAME.json
 *   SHIM_WORKSPACE_TRUST=1 keep workspace trust on: the folder opens in Restricted Mode
 *   SHIM_TIMEOUT_MS        give up after this long (exit 124), default 180000
 *   SHIM_VERBOSE=1         echo code-server's output and the page console
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const t0 = Date.now();
const note = (what) => process.stderr.write(`shim: ${what} after ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const values = (name) => argv.filter((a) => a.startsWith(`--${name}=`)).map((a) => a.slice(name.length + 3));
const devPaths = values('extensionDevelopmentPath');
const [testsPath] = values('extensionTestsPath');
const userDataDir = values('user-data-dir')[0] || fs.mkdtempSync(path.join(os.tmpdir(), 'cs-user-'));
const extensionsDir = values('extensions-dir')[0] || fs.mkdtempSync(path.join(os.tmpdir(), 'cs-ext-'));
const folder = argv.find((a) => !a.startsWith('-'));
const codeServer = process.env.CODE_SERVER_BIN || path.join(root, '.vscode-test/code-server/node_modules/.bin/code-server');
const keepTrust = process.env.SHIM_WORKSPACE_TRUST === '1';
const verbose = Boolean(process.env.SHIM_VERBOSE);
const screenshotDir = process.env.SHIM_SCREENSHOT_DIR;

const port = await new Promise((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  // As on the desktop: the web build saves after a delay, which would let tests change files.
  'files.autoSave': 'off',
  'editor.stickyScroll.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
}));
const config = path.join(userDataDir, 'code-server.yaml');
fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
const server = spawn(codeServer, [
  '--config', config, '--disable-telemetry', '--disable-update-check',
  ...(keepTrust ? [] : ['--disable-workspace-trust']),
  '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
server.stdout.on('data', (d) => verbose && process.stderr.write(d));
server.stderr.on('data', (d) => verbose && process.stderr.write(d));
const stopServer = () => {
  try { process.kill(-server.pid, 'SIGTERM'); } catch { /* already gone */ }
};
process.on('exit', stopServer);

const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 300; i++) {
  try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
  await new Promise((r) => setTimeout(r, 100));
}
note('code-server is up');
const host = `127.0.0.1:${port}`;
const payload = [
  ...devPaths.map((p) => ['extensionDevelopmentPath', `vscode-remote://${host}${path.resolve(p)}`]),
  ['extensionTestsPath', `vscode-remote://${host}${path.resolve(testsPath)}`],
];
const url = `${base}/?${folder ? `folder=${encodeURIComponent(path.resolve(folder))}&` : 'ew=true&'}payload=${encodeURIComponent(JSON.stringify(payload))}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 880 } });
const done = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
if (verbose) page.on('console', (m) => process.stderr.write(`[page] ${m.text().slice(0, 300)}\n`));

// Requests from the tests: the extension host cannot see the page, the shim can.
async function answer(name, request) {
  const reply = (value) => fs.writeFileSync(path.join(screenshotDir, `${name}.json`), JSON.stringify(value));
  if (!request.action || request.action === 'screenshot') {
    // The pointer over empty editor space, so no hover covers the picture.
    await page.mouse.move(900, 200);
    await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
  } else if (request.action === 'texts') {
    reply({ texts: await page.locator(request.selector).allTextContents() });
  } else if (request.action === 'click') {
    const target = page.locator(request.selector).filter({ hasText: request.text ?? '' }).first();
    const found = (await target.count()) > 0;
    if (found) await target.click();
    reply({ clicked: found });
  }
}
let requests;
if (screenshotDir) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  let busy = false;
  requests = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      for (const file of fs.readdirSync(screenshotDir).filter((f) => f.endsWith('.request'))) {
        const text = fs.readFileSync(path.join(screenshotDir, file), 'utf8');
        await answer(file.slice(0, -'.request'.length), text.trim() ? JSON.parse(text) : {});
        fs.rmSync(path.join(screenshotDir, file));
      }
    } catch (error) {
      process.stderr.write(`shim: request failed: ${error}\n`);
    } finally {
      busy = false;
    }
  }, 100);
}

await page.goto(url);
note('the workbench page loaded');
const timeout = Number(process.env.SHIM_TIMEOUT_MS || 180000);
const code = await Promise.race([done, new Promise((r) => setTimeout(() => r(124), timeout))]);
note(code === 124 ? 'no result from the tests (timed out)' : `the tests finished with exit code ${code}`);
clearInterval(requests);
await browser.close();
stopServer();
note('closed');
process.exit(code);
