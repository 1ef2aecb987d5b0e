/**
 * `.imagebuilder.json` as publish writes it: the user's other entries, unknown fields, key
 * order and indentation survive; a new file is created beside the document; a file that is not
 * JSON is never replaced; the write is atomic even under kill -9; the JSON Schema accepts what
 * the tool writes.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetadataStore, updateDocumentMetadata } from '../server/src/project/metadata';

const root = join(__dirname, '..');
let dir: string;
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ib-meta-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folder(): string {
  const f = join(dir, `f${n++}`);
  mkdirSync(f, { recursive: true });
  return f;
}

const schema = JSON.parse(readFileSync(join(root, 'schemas', 'imagebuilder-metadata.schema.json'), 'utf8'));
const validateSchema = new Ajv({ allErrors: true }).compile(schema);

describe('updateDocumentMetadata', () => {
  it('creates .imagebuilder.json in the document folder when none applies', () => {
    const f = folder();
    const file = updateDocumentMetadata(join(f, 'doc.yaml'), { name: 'doc', platform: 'Linux', version: '1.0.0' });
    expect(file).toBe(join(f, '.imagebuilder.json'));
    expect(readFileSync(file, 'utf8')).toBe('{\n  "documents": {\n    "doc.yaml": {\n      "name": "doc",\n      "platform": "Linux",\n      "version": "1.0.0"\n    }\n  }\n}\n');
    expect(validateSchema(JSON.parse(readFileSync(file, 'utf8'))), JSON.stringify(validateSchema.errors)).toBe(true);
  });

  it('writes into the nearest metadata file above, under the path relative to it, keeping everything else', () => {
    const f = folder();
    mkdirSync(join(f, 'components', 'linux'), { recursive: true });
    const original = '{\n\t"profile": "dev",\n\t"documents": {\n\t\t"2": {"kind": "component"},\n\t\t"components/linux/a.yaml": {"version": "1.0.0", "name": "a", "tags": {"z": "1", "a": "2"}, "x-note": "mine"},\n\t\t"b.yaml": {"type": "TEST"}\n\t},\n\t"extra": [1, {"b": 2, "a": 1}]\n}';
    writeFileSync(join(f, '.imagebuilder.json'), original);
    updateDocumentMetadata(join(f, 'components', 'linux', 'a.yaml'), { version: '1.0.1', arn: 'arn:aws:imagebuilder:us-east-1:111122223333:component/a/1.0.1/1', pending: undefined });
    const text = readFileSync(join(f, '.imagebuilder.json'), 'utf8');
    // Tabs kept, no final newline added, numeric-looking keys stay where they were.
    expect(text).toBe('{\n\t"profile": "dev",\n\t"documents": {\n\t\t"2": {\n\t\t\t"kind": "component"\n\t\t},\n\t\t"components/linux/a.yaml": {\n\t\t\t"version": "1.0.1",\n\t\t\t"name": "a",\n\t\t\t"tags": {\n\t\t\t\t"z": "1",\n\t\t\t\t"a": "2"\n\t\t\t},\n\t\t\t"x-note": "mine",\n\t\t\t"arn": "arn:aws:imagebuilder:us-east-1:111122223333:component/a/1.0.1/1"\n\t\t},\n\t\t"b.yaml": {\n\t\t\t"type": "TEST"\n\t\t}\n\t},\n\t"extra": [\n\t\t1,\n\t\t{\n\t\t\t"b": 2,\n\t\t\t"a": 1\n\t\t}\n\t]\n}');
    expect(JSON.parse(text).documents['components/linux/a.yaml']['x-note']).toBe('mine');
  });

  it('removes a field set to undefined and never replaces a file that is not JSON', () => {
    const f = folder();
    updateDocumentMetadata(join(f, 'd.yaml'), { pending: { version: '1.0.0', clientToken: 't', sha256: 'a'.repeat(64) }, name: 'd' });
    updateDocumentMetadata(join(f, 'd.yaml'), { pending: undefined });
    expect(JSON.parse(readFileSync(join(f, '.imagebuilder.json'), 'utf8')).documents['d.yaml']).toEqual({ name: 'd' });
    writeFileSync(join(f, '.imagebuilder.json'), '{ "documents": { oops } }');
    expect(() => updateDocumentMetadata(join(f, 'd.yaml'), { version: '1.0.0' })).toThrow(/is not valid JSON .* Nothing was written/);
    expect(readFileSync(join(f, '.imagebuilder.json'), 'utf8')).toBe('{ "documents": { oops } }');
  });
});

describe('MetadataStore', () => {
  it('reads the publish fields, file-wide region and profile, and warns about malformed ones', () => {
    const f = folder();
    writeFileSync(join(f, '.imagebuilder.json'), JSON.stringify({
      region: 'eu-west-1',
      profile: 'ci',
      documents: {
        'a.yaml': { name: 'a', platform: 'Linux', version: '1.2.3', arn: 'arn:aws:imagebuilder:eu-west-1:111122223333:component/a/1.2.3/1', sha256: 'b'.repeat(64), tags: { team: 'x' }, changeDescription: 'why', kmsKeyId: 'alias/k', region: 'us-east-2' },
        'b.yaml': { name: 'b', tags: { n: 1 }, pending: { version: '1.0.0' } },
      },
    }));
    const a = new MetadataStore().lookup(join(f, 'a.yaml'));
    expect(a.warnings).toEqual([]);
    expect(a.metadata).toMatchObject({ name: 'a', version: '1.2.3', sha256: 'b'.repeat(64), tags: { team: 'x' }, changeDescription: 'why', kmsKeyId: 'alias/k', region: 'us-east-2', profile: 'ci' });
    expect(a.file).toBe(join(f, '.imagebuilder.json'));
    const b = new MetadataStore().lookup(join(f, 'b.yaml'));
    expect(b.metadata).toEqual({ name: 'b', region: 'eu-west-1', profile: 'ci' });
    expect(b.warnings.join('\n')).toMatch(/"tags" must map tag keys to string values.*\n.*"pending" must have/);
  });

  it('the schema accepts the examples and rejects a misspelt field', () => {
    expect(validateSchema(JSON.parse(readFileSync(join(root, 'examples', '.imagebuilder.json'), 'utf8')))).toBe(true);
    expect(validateSchema({ documents: { 'a.yaml': { platfrom: 'Linux' } } })).toBe(false);
    expect(validateSchema({ documents: { 'a.yaml': { version: '1.0' } } })).toBe(false);
  });
});

describe('atomic write under kill -9', () => {
  it('leaves a whole file, old or new, with every other entry, however often the writer is killed', async () => {
    const scratch = folder();
    const script = join(scratch, 'writer.js');
    await build({ entryPoints: [join(__dirname, 'support', 'metadataWriterLoop.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: script, logLevel: 'silent' });
    const project = join(scratch, 'project');
    mkdirSync(project);
    // A large file, so that a write takes long enough to be interrupted.
    const others: Record<string, unknown> = {};
    for (let i = 0; i < 1000; i++) others[`components/c${i}.yaml`] = { name: `c${i}`, platform: 'Linux', version: '1.0.0', description: 'x'.repeat(40) };
    writeFileSync(join(project, '.imagebuilder.json'), JSON.stringify({ documents: { ...others, 'target.yaml': { name: 'target', platform: 'Linux' } } }, null, 2));
    const iterations = Number(process.env.KILL_LOOP_ITERATIONS ?? 25);
    let last = -1;
    let interrupted = 0;
    for (let i = 0; i < iterations; i++) {
      const child = spawn(process.execPath, [script, join(project, 'target.yaml'), String(last + 1)], { stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise((r) => child.once('exit', r));
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.once('data', () => resolve());
          child.once('exit', (code) => reject(new Error(`writer exited with ${code} before its first write`)));
        });
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 200));
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
      if (readdirSync(project).some((name) => name.endsWith('.tmp'))) interrupted++;
      const parsed = JSON.parse(readFileSync(join(project, '.imagebuilder.json'), 'utf8'));
      const entries = Object.keys(parsed.documents);
      expect(entries).toHaveLength(1001);
      expect(entries.at(-1)).toBe('target.yaml');
      expect(parsed.documents['components/c999.yaml']).toEqual(others['components/c999.yaml']);
      const target = parsed.documents['target.yaml'];
      const counter = Number(target.version.split('.')[2]);
      expect(counter).toBeGreaterThanOrEqual(last);
      expect(target.arn).toBe(`arn:aws:imagebuilder:us-east-1:111122223333:component/c/1.0.${counter}/1`);
      last = counter;
    }
    // Most kills land in the middle of a write (a temporary file is left behind); the next
    // writer removes such leftovers of dead processes.
    expect(interrupted).toBeGreaterThan(0);
    updateDocumentMetadata(join(project, 'target.yaml'), { version: '9.9.9' });
    expect(readdirSync(project).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    console.log(`kill -9 loop: ${iterations} kills, ${interrupted} during a write, file intact every time (last counter ${last})`);
    expect(existsSync(join(project, '.imagebuilder.json'))).toBe(true);
  }, 120_000);
});
