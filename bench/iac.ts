/**
 * Benchmark (not part of the test suite) for documents embedded in CloudFormation: the whole
 * CLI on a generated 5,000-line template with 20 components (goal: under 0.3 s), and on a
 * 5,000-line template without Image Builder resources (goal: no more than parsing it), next to
 * the in-process times. Run with `node scripts/build.mjs && node dist/bench-iac.js`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { validateHost } from '../server/src/service/embedded/index';
import { CLOUDFORMATION_TAGS } from '../server/src/service/embedded/cloudformation';
import { componentOfLines } from './generate';

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'cli.js');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median wall and CPU milliseconds; CPU time is what other processes on the machine disturb least. */
function time(runs: number, work: () => void): string {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const used = process.cpuUsage();
    work();
    const spent = process.cpuUsage(used);
    wall.push(performance.now() - start);
    cpu.push((spent.user + spent.system) / 1000);
  }
  const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)).padStart(7);
  return `${fmt(median(wall))} ms wall, ${fmt(median(cpu))} ms CPU`;
}

/** A template of about `lines` lines: `components` components in `!Sub |` block scalars, the rest other resources. */
export function templateOfLines(lines: number, components: number): string {
  const out = ['AWSTemplateFormatVersion: "2010-09-09"', 'Parameters:', '  Prefix:', '    Type: String', 'Resources:'];
  const documentLines = components ? Math.floor((lines * 0.8) / components) : 0;
  for (let i = 0; i < components; i++) {
    out.push(`  Component${i}:`, '    Type: AWS::ImageBuilder::Component', '    Properties:', `      Name: !Sub "\${Prefix}-component-${i}"`,
      '      Version: 1.0.0', '      Platform: Linux', '      Data: !Sub |');
    const body = componentOfLines(documentLines).replace(/amzn-s3-demo-bucket/g, '${Prefix}-bucket');
    for (const line of body.split('\n')) if (line) out.push(`        ${line}`);
  }
  for (let i = 0; out.length < lines; i++) {
    out.push(`  Bucket${i}:`, '    Type: AWS::S3::Bucket', '    Properties:', `      BucketName: !Sub "\${Prefix}-bucket-${i}"`,
      '      Tags:', '        - Key: Name', `          Value: !Ref Prefix`);
  }
  return `${out.join('\n')}\n`;
}

function main(): void {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  const folder = mkdtempSync(join(tmpdir(), 'ib-bench-iac-'));
  try {
    const withComponents = templateOfLines(5000, 20);
    const without = templateOfLines(5000, 0);
    const withPath = join(folder, 'components.yaml');
    const withoutPath = join(folder, 'buckets.yaml');
    writeFileSync(withPath, withComponents);
    writeFileSync(withoutPath, without);
    const found = validateHost(withComponents, withPath);
    console.log(`template with 20 components: ${withComponents.split('\n').length - 1} lines, ${withComponents.length} chars, ${found.kinds.length} documents, ${found.diagnostics.length} diagnostics`);
    console.log(`template without Image Builder resources: ${without.split('\n').length - 1} lines, ${without.length} chars`);

    console.log('\nIn process (medians)');
    console.log(`  validateHost, 20 components      ${time(15, () => validateHost(withComponents, withPath))}`);
    console.log(`  parse it (yaml, CloudFormation tags) ${time(15, () => parseDocument(withComponents, { customTags: CLOUDFORMATION_TAGS }))}`);
    console.log(`  validateHost, no Image Builder   ${time(50, () => validateHost(without, withoutPath))}`);
    console.log(`  parse it (yaml, CloudFormation tags) ${time(15, () => parseDocument(without, { customTags: CLOUDFORMATION_TAGS }))}`);

    // Wall time, and where /usr/bin/time exists the CPU time of the child (user + system),
    // which other processes on a shared machine disturb much less.
    const timeTool = existsSync('/usr/bin/time');
    const cliRuns = (args: string[]) => {
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < 11; i++) {
        const start = performance.now();
        const child = timeTool
          ? spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], { encoding: 'utf8' })
          : spawnSync(process.execPath, args, { encoding: 'utf8' });
        wall.push(performance.now() - start);
        const times = /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(child.stderr ?? '');
        if (times) cpu.push((Number(times[1]) + Number(times[2])) * 1000);
      }
      return `${median(wall).toFixed(0).padStart(6)} ms wall${cpu.length ? `, ${median(cpu).toFixed(0).padStart(5)} ms CPU` : ''}`;
    };
    console.log('\nCLI, `node dist/cli.js lint --format json FILE` (medians over 11 runs, Node start-up included)');
    console.log(`  20 components                    ${cliRuns([cli, 'lint', '--format', 'json', withPath])}`);
    console.log(`  no Image Builder resources       ${cliRuns([cli, 'lint', '--format', 'json', withoutPath])}`);
    console.log(`  node -e 0 (start-up alone)       ${cliRuns(['-e', '0'])}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) main();
