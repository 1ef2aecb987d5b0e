/**
 * The CLI as a user runs it: a real process (the bundle `npm run build` makes), real files,
 * exit codes and the three output formats of design.md section 3.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../server/src/service/validate';

const root = join(__dirname, '..');
const bin = join(root, 'bin', 'imagebuilder-yaml.js');

function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const BROKEN = `schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: Fetch
        action: S3Download
        inputs:
          - source: s3://bucket/key
      - name: Run
        action: ExecuteBashh
`;

const WINDOWS_ONLY = `schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: Configure
        action: ExecutePowerShell
        inputs:
          commands:
            - Write-Host hi
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ib-cli-'));
  writeFileSync(join(dir, 'broken.yaml'), BROKEN);
  mkdirSync(join(dir, 'nested', 'node_modules'), { recursive: true });
  writeFileSync(join(dir, 'nested', 'ok.yml'), readFileSync(join(root, 'examples', 'components', 'check-app.yaml')));
  writeFileSync(join(dir, 'nested', 'node_modules', 'ignored.yaml'), BROKEN);
  writeFileSync(join(dir, 'nested', 'notes.txt'), 'not yaml');
  writeFileSync(join(dir, 'windows.yaml'), WINDOWS_ONLY);
  writeFileSync(join(dir, 'neither.yaml'), 'hello: world\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('imagebuilder-yaml lint', () => {
  it('exits 0 on the examples and prints a summary', () => {
    const { code, stdout } = run(['lint', 'examples/']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^0 errors, \d+ warnings?, \d+ notes? in \d+ files$/m);
  });

  it('prints file:line:col severity code message and exits 1 on errors', () => {
    const file = join(dir, 'broken.yaml');
    const { code, stdout } = run(['lint', file]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${file}:8:13 error missing-input \`S3Download\` needs \`destination\`.`);
    expect(stdout).toContain(`${file}:10:17 error unknown-action \`ExecuteBashh\` is not an action module. Did you mean \`ExecuteBash\`?`);
    expect(stdout).toMatch(/^2 errors, 0 warnings, 0 notes in 1 file$/m);
    expect(stdout).not.toContain('\u001b[');
  });

  it('colours only when asked or on a terminal', () => {
    const { stdout } = run(['lint', '--color', join(dir, 'broken.yaml')]);
    expect(stdout).toContain('\u001b[31merror\u001b[39m');
  });

  it('writes the JSON contract with the same ranges as the service', () => {
    const file = join(dir, 'broken.yaml');
    const { code, stdout } = run(['lint', '--format', 'json', file]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['files']);
    expect(report.files).toHaveLength(1);
    expect(report.files[0].path).toBe(file);
    expect(report.files[0].kind).toBe('component');
    const expected = validate(BROKEN, { fileName: 'broken.yaml' }).diagnostics.map(({ severity, code: c, message, range }) => ({ severity, code: c, message, range }));
    expect(report.files[0].diagnostics).toEqual(expected);
    expect(report.files[0].diagnostics[0]).toEqual({
      severity: 'error', code: 'missing-input', message: '`S3Download` needs `destination`.',
      range: { start: { line: 7, character: 12 }, end: { line: 7, character: 18 } },
    });
  });

  it('writes SARIF 2.1.0 with rule ids equal to the codes', () => {
    const { stdout } = run(['lint', '--format', 'sarif', join(dir, 'broken.yaml')]);
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.name).toBe('imagebuilder-yaml');
    expect(run0.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['missing-input', 'unknown-action']);
    expect(run0.results[0]).toMatchObject({
      ruleId: 'missing-input',
      level: 'error',
      locations: [{ physicalLocation: { region: { startLine: 8, startColumn: 13, endLine: 8, endColumn: 19 } } }],
    });
    expect(run0.results[0].ruleIndex).toBe(0);
  });

  it('searches directories for .yaml and .yml files, skipping node_modules', () => {
    const { stdout } = run(['lint', '--format', 'json', join(dir, 'nested')]);
    const paths = JSON.parse(stdout).files.map((f: { path: string }) => f.path);
    expect(paths).toEqual([join(dir, 'nested', 'ok.yml')]);
  });

  it('reports a file that is neither kind of document', () => {
    const { code, stdout } = run(['lint', join(dir, 'neither.yaml')]);
    expect(code).toBe(1);
    expect(stdout).toContain('error unknown-document-kind');
    const json = JSON.parse(run(['lint', '--format', 'json', join(dir, 'neither.yaml')]).stdout);
    expect(json.files[0].kind).toBe('unknown');
  });

  it('checks platform rules with --platform, and says once when the platform is unknown', () => {
    const file = join(dir, 'windows.yaml');
    const unknown = run(['lint', file]);
    expect(unknown.code).toBe(0);
    expect(unknown.stdout.match(/information platform-unknown/g)).toHaveLength(1);
    const linux = run(['lint', '--platform', 'Linux', file]);
    expect(linux.code).toBe(1);
    expect(linux.stdout).toContain('error platform-unsupported-action `ExecutePowerShell` does not run on Linux');
    expect(run(['lint', '--platform', 'windows', file]).code).toBe(0);
  });

  it('takes the platform from .imagebuilder.json, and the flag wins over it', () => {
    const project = mkdtempSync(join(tmpdir(), 'ib-meta-'));
    try {
      mkdirSync(join(project, 'components'));
      writeFileSync(join(project, 'components', 'setup.yaml'), WINDOWS_ONLY);
      writeFileSync(join(project, '.imagebuilder.json'), JSON.stringify({ documents: { 'components/setup.yaml': { platform: 'Linux' } } }));
      const fromMetadata = run(['lint', 'components/setup.yaml'], { cwd: project });
      expect(fromMetadata.code).toBe(1);
      expect(fromMetadata.stdout).toContain('platform-unsupported-action');
      expect(run(['lint', '--platform', 'Windows', 'components/setup.yaml'], { cwd: project }).code).toBe(0);
      writeFileSync(join(project, '.imagebuilder.json'), '{ not json');
      const badMetadata = run(['lint', 'components/setup.yaml'], { cwd: project });
      expect(badMetadata.code).toBe(0);
      expect(badMetadata.stderr).toContain('.imagebuilder.json: cannot be read');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('exits 2 on bad usage and unreadable files', () => {
    expect(run([]).code).toBe(2);
    expect(run(['frobnicate']).code).toBe(2);
    const badFormat = run(['lint', '--format', 'xml', 'examples']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format must be text, json or sarif');
    expect(run(['lint', '--platform', 'Solaris', 'examples']).code).toBe(2);
    expect(run(['lint', '--workflow-type', 'DEPLOY', 'examples']).code).toBe(2);
    expect(run(['lint', '--unknown-flag', 'examples']).code).toBe(2);
    expect(run(['lint']).code).toBe(2);
    const missing = run(['lint', join(dir, 'does-not-exist.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does-not-exist.yaml: no such file or directory');
  });

  it('prints its version and help', () => {
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('imagebuilder-yaml lint');
  });
});
