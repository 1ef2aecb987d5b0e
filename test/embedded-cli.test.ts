/**
 * `imagebuilder-yaml lint` on a folder of infrastructure code, as a real process: host files are
 * found by content, diagnostics land in the host (or in the file templatefile() reads) with
 * their resource, in text, JSON and SARIF; other JSON and Terraform files are left alone.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'cli.js');
let folder: string;

function lint(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'lint', ...args], { cwd: folder, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'ib-iac-cli-'));
  const infra = join(folder, 'infra');
  mkdirSync(infra);
  cpSync(join(root, 'test', 'fixtures', 'iac', 'cfn-block.yaml'), join(infra, 'template.yaml'));
  cpSync(join(root, 'test', 'fixtures', 'iac', 'cdk.template.json'), join(infra, 'stack.template.json'));
  cpSync(join(root, 'test', 'fixtures', 'iac', 'tf-module'), join(infra, 'tf-module'), { recursive: true });
  // Not hosts: left alone when a folder is searched.
  writeFileSync(join(infra, 'package.json'), '{ "name": "infra", "version": "1.0.0" }\n');
  writeFileSync(join(infra, 'network.tf'), 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n');
  writeFileSync(join(infra, 'buckets.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n');
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('lint on infrastructure code', () => {
  it('JSON: host paths, host positions, the resource of each diagnostic', () => {
    const { code, stdout } = lint('--format', 'json', 'infra');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { files: Array<{ path: string; kind: string; host?: string; embeddedIn?: string; diagnostics: Array<{ code: string; resource?: string; range: { start: { line: number; character: number } } }> }> };
    const paths = report.files.map((f) => f.path.split('\\').join('/'));
    expect(paths).toEqual(expect.arrayContaining(['infra/template.yaml', 'infra/stack.template.json', 'infra/tf-module/main.tf', 'infra/tf-module/components/app.yaml.tpl', 'infra/tf-module/components/plain.yaml']));
    expect(paths).not.toContain('infra/package.json');
    expect(paths).not.toContain('infra/network.tf');
    expect(paths).not.toContain('infra/buckets.yaml');
    // plain.yaml is reported once, with its resource's facts (no platform-unknown note).
    expect(paths.filter((p) => p.endsWith('plain.yaml'))).toHaveLength(1);

    const template = report.files.find((f) => f.path.endsWith('template.yaml'))!;
    expect(template.host).toBe('cloudformation-yaml');
    expect(template.kind).toBe('component');
    expect(template.diagnostics.find((d) => d.code === 'missing-input')).toMatchObject({ resource: 'HelloComponent', range: { start: { line: 23, character: 20 } } });
    const plain = report.files.find((f) => f.path.endsWith('plain.yaml'))!;
    expect(plain.embeddedIn?.endsWith('main.tf')).toBe(true);
    expect(plain.diagnostics.map((d) => d.code)).toEqual(['permissions-not-string']);
    expect(plain.diagnostics[0].resource).toBe('aws_imagebuilder_component.plain_file');
  });

  it('SARIF: the resource as a logical location', () => {
    const { stdout } = lint('--format', 'sarif', 'infra/template.yaml');
    const results = JSON.parse(stdout).runs[0].results as Array<{ ruleId: string; locations: Array<{ logicalLocations?: Array<{ name: string; kind: string }>; physicalLocation: { region: { startLine: number; startColumn: number } } }> }>;
    const missing = results.find((r) => r.ruleId === 'missing-input')!;
    expect(missing.locations[0].logicalLocations).toEqual([{ name: 'HelloComponent', kind: 'resource' }]);
    expect(missing.locations[0].physicalLocation.region).toMatchObject({ startLine: 24, startColumn: 21 });
  });

  it('text: file:line:col in the host, the resource after the message', () => {
    const { code, stdout } = lint('infra/tf-module/main.tf');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^infra\/tf-module\/main\.tf:31:21 error unknown-action .*\(aws_imagebuilder_component\.heredoc\)$/m);
    expect(stdout).toMatch(/^infra\/tf-module\/components\/app\.yaml\.tpl:14:25 error invalid-timeout .*\(aws_imagebuilder_component\.templated\)$/m);
  });

  it('a file named on the command line is judged even when it holds no document', () => {
    const { code, stdout } = lint('--format', 'json', 'infra/buckets.yaml', 'infra/package.json');
    const report = JSON.parse(stdout) as { files: Array<{ path: string; kind: string; diagnostics: Array<{ code: string }> }> };
    expect(report.files.find((f) => f.path.endsWith('buckets.yaml'))).toMatchObject({ kind: 'unknown', diagnostics: [] });
    // A JSON file that is no template is read as a document: JSON is YAML.
    expect(report.files.find((f) => f.path.endsWith('package.json'))?.diagnostics.map((d) => d.code)).toContain('unknown-document-kind');
    expect(code).toBe(1);
  });
});
