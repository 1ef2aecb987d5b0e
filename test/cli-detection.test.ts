/**
 * `lint DIR` walks a real repository and judges only Image Builder documents, saying how many
 * other YAML files it left alone; a file named on the command line is always judged.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = join(__dirname, '..', 'bin', 'imagebuilder-yaml.js');
let repo: string;

const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

beforeAll(() => {
  // A repository with CI pipelines, manifests and Image Builder documents side by side.
  repo = mkdtempSync(join(tmpdir(), 'ib-repo-'));
  cpSync(join(__dirname, 'fixtures', 'other-yaml'), join(repo, 'ci'), { recursive: true });
  cpSync(join(__dirname, '..', 'examples'), join(repo, 'imagebuilder'), { recursive: true });
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('lint on a repository with other YAML', () => {
  it('judges only Image Builder documents and counts the rest', () => {
    const result = run('lint', '.');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('ci/');
    expect(result.stdout).toMatch(/in 7 files \(9 other YAML files left alone: not Image Builder documents\)/);
  });

  it('lists the files it left alone in JSON', () => {
    const result = run('lint', '--format', 'json', '.');
    const report = JSON.parse(result.stdout) as { leftAlone: string[]; files: Array<{ path: string }> };
    expect(report.leftAlone.map((p) => p.replace(/\\/g, '/')).sort()).toContain('ci/buildkite.yml');
    expect(report.files.every((f) => f.path.startsWith('imagebuilder'))).toBe(true);
  });

  it('still judges a file named explicitly', () => {
    const result = run('lint', 'ci/kubernetes.yaml');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('unknown-document-kind');
  });
});
