/**
 * Benchmark (not part of the test suite): median service time for generated documents of
 * 100, 1,000 and 10,000 lines, the whole CLI on one document, and the CLI over the corpus.
 * Run with `npm run bench`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from '../server/src/service/parse';
import { validate, validateParsed } from '../server/src/service/validate';
import { componentOfLines, workflowOfLines } from './generate';

const root = join(__dirname, '..');
const cli = join(root, 'bin', 'imagebuilder-yaml.js');
const corpus = join(root, '..', 'shared', 'corpus');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function time(runs: number, work: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

function main(): void {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  // Warm up: the first call compiles the schemas.
  validate(componentOfLines(100));
  validate(workflowOfLines(100));

  console.log('\nService: median validate() time, and its two parts: parse (the yaml library builds the');
  console.log('syntax tree) and check (schema, rules, mapping to ranges)');
  console.log('document             lines   chars   diagnostics   validate ms   parse ms   check ms   runs');
  for (const [kind, make] of [['component', componentOfLines], ['workflow', workflowOfLines]] as const) {
    // 2,000 lines is about 64 KB, the largest document Image Builder stores.
    for (const size of [100, 1000, 2000, 10000]) {
      const text = make(size);
      const runs = size >= 10000 ? 15 : 50;
      const result = validate(text);
      const ms = time(runs, () => validate(text));
      const parseMs = time(runs, () => parse(text));
      const parsed = parse(text);
      const checkMs = time(runs, () => validateParsed(parsed));
      const lines = text.split('\n').length - 1;
      console.log(`${kind.padEnd(20)} ${String(lines).padStart(5)} ${String(text.length).padStart(7)} ${String(result.diagnostics.length).padStart(13)} ${fmt(ms).padStart(13)} ${fmt(parseMs).padStart(10)} ${fmt(checkMs).padStart(10)} ${String(runs).padStart(6)}`);
    }
  }

  const scratch = mkdtempSync(join(tmpdir(), 'ib-bench-'));
  try {
    const file = join(scratch, 'component.yaml');
    writeFileSync(file, componentOfLines(100));
    const run = (args: string[]) => {
      try {
        execFileSync(process.execPath, [cli, ...args], { stdio: 'pipe' });
      } catch {
        // lint exits 1 when it finds errors; only the time matters here.
      }
    };
    console.log('\nCLI (process start to exit)');
    console.log(`one 100-line component: median ${fmt(time(10, () => run(['lint', file])))} ms over 10 runs`);
    const documents = ['component', 'workflow'].reduce((n, kind) => n + readdirSync(join(corpus, kind)).length, 0);
    const corpusMs = time(5, () => run(['lint', '--format', 'json', corpus]));
    console.log(`whole corpus (${documents} documents): median ${fmt(corpusMs)} ms over 5 runs, ${Math.round(documents / (corpusMs / 1000))} documents/s`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
