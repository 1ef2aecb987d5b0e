/**
 * End to end in real editors (issue 6): Neovim 0.7+ and Emacs 28 + eglot start the server exactly
 * as the README's "Editors" section says — the snippets there are test/editors/imagebuilder.lua and
 * test/editors/imagebuilder.el, loaded as they are, with `imagebuilder-yaml` on PATH from
 * `npm install -g <checkout>` — open a copy of an example and use the server like a user.
 * The drivers (test/editors/*-e2e.*) print one JSON line per step; the expectations come from the
 * documents themselves and from the CLI (`lint --format json`), which shares the service.
 *
 * Editors missing: the suite fails when CI is set (.ci/run installs them) and is skipped otherwise.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const EDITORS = join(__dirname, 'editors');
const RUN_TIMEOUT_MS = 45000;
// A test may wait for a whole editor session (one per scenario, shared by its tests).
const SESSION_TIMEOUT_MS = RUN_TIMEOUT_MS + 15000;

type Editor = 'nvim' | 'emacs';
interface Diag { code: string; line: number; character: number }
interface StepResult {
  op: string;
  id?: string;
  error?: string;
  timedOut?: boolean;
  items?: Array<Record<string, unknown>>;
  text?: string;
  changed?: boolean;
  offered?: string[];
  client?: string;
  server?: string;
}
interface Run { steps: Map<string, StepResult>; started?: StepResult; stdout: string; stderr: string; code: number | null }
type Step = Record<string, unknown> & { op: string; id: string };

// --- editors present? -------------------------------------------------------------------------

function probe(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 20000 });
  return result.status === 0 ? undefined : `\`${command} ${args.join(' ')}\` failed: ${result.error?.message ?? result.stderr.trim().split('\n').pop()}`;
}

const missing: Record<Editor, string | undefined> = {
  nvim: probe('nvim', ['--headless', '-u', 'NONE', '-c', 'lua if vim.lsp.start_client == nil then vim.cmd("cquit 1") end', '-c', 'qa!']),
  emacs: probe('emacs', ['--batch', '--eval', "(require 'eglot)"]),
};
const CI = !!process.env.CI;
for (const editor of ['nvim', 'emacs'] as const) {
  if (missing[editor] && !CI) {
    process.stderr.write(`\nSKIPPED: ${editor} end-to-end tests: ${missing[editor]}. They run, and fail without the editor, when CI is set; .ci/run installs neovim emacs-nox elpa-eglot.\n`);
  }
}

// --- the set-up a user does: install the command, write their editor config ----------------------

let prefix: string;
const scratch: string[] = [];

beforeAll(() => {
  if (Object.values(missing).every(Boolean) && !CI) return;
  // As the README says for a checkout: `npm install -g .` (a link; --prefix keeps it in a temp dir).
  prefix = mkdtempSync(join(tmpdir(), 'ib-prefix-'));
  scratch.push(prefix);
  const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--ignore-scripts', '--no-audit', '--no-fund', ROOT], { encoding: 'utf8', timeout: 120000 });
  if (install.status !== 0) throw new Error(`npm install -g failed: ${install.stderr}`);
}, 130000);

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of examples/ (with its .imagebuilder.json), as the user's project. */
function workspace(change?: { file: string; from: string; to: string }, dirLocals?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ib-editor-'));
  scratch.push(dir);
  cpSync(join(ROOT, 'examples'), dir, { recursive: true });
  if (change) {
    const path = join(dir, change.file);
    const text = readFileSync(path, 'utf8');
    if (!text.includes(change.from)) throw new Error(`${change.file} has no ${change.from}`);
    writeFileSync(path, text.replace(change.from, change.to));
  }
  if (dirLocals) writeFileSync(join(dir, '.dir-locals.el'), dirLocals);
  return dir;
}

interface Scenario { file: string; steps: Step[]; settings?: unknown; env?: Record<string, string> }

function runEditor(editor: Editor, cwd: string, scenario: Scenario): Promise<Run> {
  const command = editor === 'nvim'
    ? ['nvim', '--headless', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${join(EDITORS, 'nvim-e2e.lua')}`]
    : ['emacs', '--batch', '-l', join(EDITORS, 'emacs-e2e.el')];
  const env = {
    ...process.env,
    PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
    E2E_CONFIG: join(EDITORS, editor === 'nvim' ? 'imagebuilder.lua' : 'imagebuilder.el'),
    E2E_FILE: scenario.file,
    E2E_SETTINGS: JSON.stringify(scenario.settings ?? {}),
    E2E_STEPS: JSON.stringify(scenario.steps),
    ...scenario.env,
  };
  return new Promise((resolve, reject) => {
    // Own process group, so a timeout also ends the server the editor started.
    const child = spawn(command[0], command.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
      stderr += `\n[killed after ${RUN_TIMEOUT_MS} ms]`;
    }, RUN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as StepResult);
      const steps = new Map<string, StepResult>();
      for (const line of lines) if (line.id) steps.set(line.id, line);
      resolve({ steps, started: lines.find((l) => l.op === 'started'), stdout, stderr, code });
    });
  });
}

/** The CLI's diagnostics for the same file, the oracle for what an editor shows. */
function cliDiagnostics(cwd: string, file: string, platform?: string): Diag[] {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'imagebuilder-yaml.js'), 'lint', '--format', 'json', ...(platform ? ['--platform', platform] : []), file], { cwd, encoding: 'utf8' });
  if (!result.stdout.startsWith('{')) throw new Error(`lint --format json printed no report (exit ${result.status}): ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { files: Array<{ diagnostics: Array<{ code: string; range: { start: { line: number; character: number } } }> }> };
  return sortDiags(report.files[0].diagnostics.map((d) => ({ code: d.code, line: d.range.start.line, character: d.range.start.character })));
}

function sortDiags(diags: Diag[]): Diag[] {
  return [...diags].sort((a, b) => a.line - b.line || a.character - b.character || a.code.localeCompare(b.code));
}

function shown(step: StepResult | undefined): Diag[] {
  return sortDiags((step?.items ?? []).map((d) => ({ code: String(d.code), line: Number(d.line), character: Number(d.character) })));
}

/** Line and character (0-based) of the nth occurrence of needle, plus an offset into it. */
function locate(text: string, needle: string, offset = 0, nth = 0): { line: number; character: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`no ${needle} in the document`);
  }
  const before = text.slice(0, index + offset);
  return { line: before.split('\n').length - 1, character: index + offset - (before.lastIndexOf('\n') + 1) };
}

function lineOf(text: string, line: number): string {
  return text.split('\n')[line];
}

function step(run: () => Promise<Run>, id: string): () => Promise<StepResult> {
  return async () => {
    const result = (await run()).steps.get(id);
    if (!result) throw new Error(`the editor printed nothing for step ${id}`);
    return result;
  };
}

const replaceWord = (text: string, from: string, to: string) => text.replace(new RegExp(`\\b${from}\\b`, 'g'), to);
const labels = (result: StepResult) => (result.items ?? []).map((i) => String(i.label));
const failureContext = (run: Run) => `\nstdout:\n${run.stdout}\nstderr:\n${run.stderr.slice(-3000)}`;

// --- the documents -----------------------------------------------------------------------------

interface Position { line: number; character: number }
interface Example {
  file: string;
  text: string;
  /** Declared parameter names: what completion must offer at `ref`. */
  parameters: string[];
  /** Made on disk before opening: diagnostics arrive on open, and the quick fix restores the line. */
  typo: { file: string; from: string; to: string };
  typoAt: Position;
  /** A line retyped to hold an empty reference, and where the cursor stands in it. */
  ref: Position & { text: string };
  rename: { from: string; to: string; at: Position };
}

function example(file: string, parameters: (doc: { parameters: unknown[] }) => string[], typo: { from: string; to: string }, ref: { from: string; to: string; cursorAfter: string }, rename: { from: string; to: string; in: string; nth?: number }): Example {
  const text = readFileSync(join(ROOT, 'examples', file), 'utf8');
  const refLine = locate(text, ref.from).line;
  const refText = lineOf(text, refLine).replace(ref.from, ref.to);
  return {
    file, text,
    parameters: parameters(parseYaml(text)),
    typo: { file, ...typo },
    typoAt: locate(text, typo.from, 'action: '.length),
    ref: { line: refLine, text: refText, character: refText.indexOf(ref.cursorAfter) + ref.cursorAfter.length },
    // The cursor two characters into the name, inside `rename.in`.
    rename: { from: rename.from, to: rename.to, at: locate(text, rename.in, rename.in.indexOf(rename.from) + 2, rename.nth) },
  };
}

const COMPONENT = example('components/hello-linux.yaml',
  (doc) => doc.parameters.map((p) => Object.keys(p as object)[0]),
  { from: 'action: ExecuteBash\n', to: 'action: ExecuteBashh\n' },
  // Auto-paired `'{{  }}'`, the cursor after `{{ `.
  { from: "'{{ ConfigDir }}'", to: "'{{  }}'", cursorAfter: '{{ ' },
  { from: 'FetchTool', to: 'DownloadTool', in: 'name: FetchTool' });

const WORKFLOW = example('workflows/build.yaml',
  (doc) => doc.parameters.map((p) => (p as { name: string }).name),
  { from: 'action: WaitForSSMAgent\n', to: 'action: WaitForSSMAgnet\n' },
  { from: '$.parameters.sourceFormat', to: '$.parameters.', cursorAfter: '$.parameters.' },
  // From a reference (the 2nd `$.stepOutputs.LaunchBuildInstance`), not the declaration.
  { from: 'LaunchBuildInstance', to: 'LaunchBuilder', in: '$.stepOutputs.LaunchBuildInstance', nth: 1 });

/** One session per example: diagnostics, typing, quick fix, completion, rename. */
function featureSteps(doc: Example): Step[] {
  const line = lineOf(doc.text, doc.typoAt.line);
  return [
    { id: 'open', op: 'diagnostics' },
    // Typing the fix: new diagnostics for the new version.
    { id: 'type-fix', op: 'edit', line: doc.typoAt.line, text: line },
    { id: 'after-fix', op: 'diagnostics' },
    { id: 'type-typo', op: 'edit', line: doc.typoAt.line, text: line.replace(/(\w)$/, '$1$1') },
    { id: 'after-typo', op: 'diagnostics', hasCode: 'unknown-action' },
    { id: 'quickfix', op: 'code_action', ...doc.typoAt, timeoutMs: 3000 },
    { id: 'type-ref', op: 'edit', line: doc.ref.line, text: doc.ref.text },
    { id: 'complete', op: 'complete', line: doc.ref.line, character: doc.ref.character },
    { id: 'before-rename', op: 'text' },
    { id: 'rename', op: 'rename', ...doc.rename.at, newName: doc.rename.to, timeoutMs: 3000 },
  ];
}

// --- the suites --------------------------------------------------------------------------------

describe('README "Editors" section', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2] }));

  it.each([['lua', 'imagebuilder.lua'], ['elisp', 'imagebuilder.el']])('shows %s test/editors/%s verbatim, the file the editor tests load', (lang, file) => {
    const content = readFileSync(join(EDITORS, file), 'utf8');
    expect(blocks.filter((b) => b.lang === lang).map((b) => b.body)).toContain(content);
  });
});

const NAMES: Record<Editor, string> = { nvim: 'Neovim', emacs: 'Emacs + eglot' };

for (const editor of ['nvim', 'emacs'] as const) {
  const skip = !!missing[editor] && !CI;
  const memo = new Map<string, Promise<Run>>();
  /** One editor session per scenario, shared by the tests that read its steps. */
  const session = (key: string, make: () => [string, Scenario]) => () => {
    if (missing[editor]) throw new Error(`${NAMES[editor]} is not usable here (${missing[editor]}); CI=true requires it: .ci/run installs neovim emacs-nox elpa-eglot`);
    if (!memo.has(key)) {
      const [cwd, scenario] = make();
      memo.set(key, runEditor(editor, cwd, scenario));
    }
    return memo.get(key)!;
  };

  const componentRun = session('component', () => [workspace(COMPONENT.typo), { file: COMPONENT.file, steps: featureSteps(COMPONENT) }]);
  const workflowRun = session('workflow', () => [workspace(WORKFLOW.typo), { file: WORKFLOW.file, steps: featureSteps(WORKFLOW) }]);

  describe.skipIf(skip)(`${NAMES[editor]}: set-up and diagnostics`, { timeout: SESSION_TIMEOUT_MS }, () => {
    it('starts the server the README way and shows the diagnostics of an opened file, as the CLI reports them', async () => {
      const run = await componentRun();
      expect(run.started, failureContext(run)).toMatchObject(editor === 'nvim' ? { client: 'imagebuilder-yaml', filetype: 'yaml' } : { server: 'imagebuilder-yaml', mode: 'yaml-mode' });
      const open = run.steps.get('open');
      expect(open?.timedOut, failureContext(run)).toBe(false);
      expect(shown(open)).toEqual(cliDiagnostics(workspace(COMPONENT.typo), COMPONENT.file));
      expect(shown(open)).toContainEqual({ code: 'unknown-action', ...COMPONENT.typoAt });
    });

    it('re-publishes after typing, for the new text (component)', async () => {
      const run = await componentRun();
      expect(run.steps.get('after-fix')?.timedOut, failureContext(run)).toBe(false);
      expect(shown(run.steps.get('after-fix'))).toEqual(cliDiagnostics(workspace(), COMPONENT.file));
      expect(shown(run.steps.get('after-typo'))).toContainEqual({ code: 'unknown-action', ...COMPONENT.typoAt });
    });

    it('shows a workflow\'s diagnostics on open and after typing', async () => {
      const run = await workflowRun();
      expect(shown(run.steps.get('open')), failureContext(run)).toEqual(cliDiagnostics(workspace(WORKFLOW.typo), WORKFLOW.file));
      expect(shown(run.steps.get('open'))).toContainEqual({ code: 'unknown-action', ...WORKFLOW.typoAt });
      expect(shown(run.steps.get('after-fix'))).toEqual(cliDiagnostics(workspace(), WORKFLOW.file));
    });
  });

  describe.skipIf(skip)(`${NAMES[editor]}: settings reach the server`, { timeout: SESSION_TIMEOUT_MS }, () => {
    // hello-linux uses Linux-only modules; the project metadata says Linux, the setting Windows wins.
    const windows = { imagebuilder: { platform: 'Windows' } };
    const waitWindows: Step = { id: 'windows', op: 'diagnostics', hasCode: 'platform-unsupported-action', timeoutMs: 4000 };
    const expectWindows = async (run: Run) => {
      expect(run.steps.get('windows')?.timedOut, `Windows setting not applied${failureContext(run)}`).toBe(false);
      expect(shown(run.steps.get('windows'))).toEqual(cliDiagnostics(workspace(), COMPONENT.file, 'Windows'));
    };
    const dirLocals = '((nil . ((eglot-workspace-configuration . (:imagebuilder (:platform "Windows"))))))\n';

    it('applies a setting changed while the server runs (pushed with workspace/didChangeConfiguration)', async () => {
      const run = await session('push', () => [workspace(), { file: COMPONENT.file, steps: [
        { id: 'open', op: 'diagnostics' },
        { id: 'push', op: 'push_settings', settings: windows },
        waitWindows,
      ] }])();
      // Without the setting, nothing is wrong with the document.
      expect(shown(run.steps.get('open')), failureContext(run)).toEqual(cliDiagnostics(workspace(), COMPONENT.file));
      expect(shown(run.steps.get('open')).map((d) => d.code)).not.toContain('platform-unsupported-action');
      await expectWindows(run);
    });

    if (editor === 'nvim') {
      it('applies the settings given to the README module (pushed in on_init: Neovim 0.7 does not announce workspace/configuration)', async () => {
        await expectWindows(await session('setup', () => [workspace(), { file: COMPONENT.file, settings: windows, steps: [waitWindows] }])());
      });
    } else {
      it('applies .dir-locals.el settings (eglot answers workspace/configuration and pushes them on connect)', async () => {
        await expectWindows(await session('dir-locals', () => [workspace(undefined, dirLocals), { file: COMPONENT.file, steps: [waitWindows] }])());
      });

      it('applies .dir-locals.el settings when only asked for (workspace/configuration, no push on connect)', async () => {
        await expectWindows(await session('pull', () => [workspace(undefined, dirLocals), { file: COMPONENT.file, steps: [waitWindows], env: { E2E_NO_CONNECT_PUSH: '1' } }])());
      });
    }
  });

  // Issue 6 §2: fail until the server offers completion, code actions and rename.
  describe.skipIf(skip)(`${NAMES[editor]}: completion, quick fix, rename (issue 6 features)`, { timeout: SESSION_TIMEOUT_MS }, () => {
    it('completes a parameter name inside \'{{ \' of a component', async () => {
      const result = await step(componentRun, 'complete')();
      expect(result.error).toBeUndefined();
      for (const name of COMPONENT.parameters) expect(labels(result), JSON.stringify(result)).toContain(name);
    });

    it('completes a parameter name after $.parameters. in a workflow', async () => {
      const result = await step(workflowRun, 'complete')();
      expect(result.error).toBeUndefined();
      for (const name of WORKFLOW.parameters) expect(labels(result), JSON.stringify(result)).toContain(name);
    });

    it.each([['component', componentRun, COMPONENT.text], ['workflow', workflowRun, WORKFLOW.text]] as const)('applies the quick fix for an unknown action (%s), restoring the example', async (_kind, run, original) => {
      const result = await step(run, 'quickfix')();
      expect(result.error, JSON.stringify(result)).toBeUndefined();
      expect(result.changed, JSON.stringify(result.offered)).toBe(true);
      expect(result.text).toBe(original);
    });

    it.each([['component step, from its declaration', componentRun, COMPONENT.rename], ['workflow step, from a $.stepOutputs reference', workflowRun, WORKFLOW.rename]] as const)('renames a %s, updating every reference', async (_kind, run, rename) => {
      const before = (await step(run, 'before-rename')()).text!;
      const result = await step(run, 'rename')();
      expect(result.error, JSON.stringify(result)).toBeUndefined();
      expect(result.changed).toBe(true);
      expect(before.match(new RegExp(`\\b${rename.from}\\b`, 'g'))!.length).toBeGreaterThan(1);
      expect(result.text).toBe(replaceWord(before, rename.from, rename.to));
    });
  });
}
