/**
 * Document detection, shared by the CLI and the language server: every real Image Builder
 * document is recognised, and YAML of other tools (some with a root `steps:` or `phases:`) is not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../server/src/service/analysis';
import { corpusEntries } from './support/corpus';

const OTHER_YAML = join(__dirname, 'fixtures', 'other-yaml');

describe('detection', () => {
  for (const kind of ['component', 'workflow'] as const) {
    it(`recognises every ${kind} of the corpus by its content`, () => {
      const missed = corpusEntries(kind).filter((entry) => !analyze(readFileSync(entry.path, 'utf8')).isImageBuilder).map((e) => e.file);
      // Corpus documents whose YAML is too broken to show its shape are the only exceptions.
      const broken = new Set(corpusEntries(kind).filter((e) => e.broken).map((e) => e.file));
      expect(missed.filter((file) => !broken.has(file))).toEqual([]);
    });
  }

  for (const file of readdirSync(OTHER_YAML).filter((f) => /\.ya?ml$/.test(f))) {
    it(`leaves ${file} alone`, () => {
      const analysis = analyze(readFileSync(join(OTHER_YAML, file), 'utf8'));
      expect(analysis.isImageBuilder).toBe(false);
    });
  }

  it('a directive, the metadata or the files setting makes any YAML a document', () => {
    const buildkite = readFileSync(join(OTHER_YAML, 'buildkite.yml'), 'utf8');
    expect(analyze(`# imagebuilder: kind=workflow\n${buildkite}`).isImageBuilder).toBe(true);
    expect(analyze(buildkite, { declared: true }).isImageBuilder).toBe(true);
    expect(analyze(buildkite, { declared: true }).detection.reason).toBe('declared');
  });

  it('recognises a document being started and a broken one by its lines', () => {
    expect(analyze('schemaVersion: 1.0\nphases:\n').isImageBuilder).toBe(true);
    expect(analyze('phases:\n  - name: build\n    steps: []\n').detection.kind).toBe('component');
    expect(analyze('steps:\n  - name: Launch\n    action: LaunchInstance\n').detection.kind).toBe('workflow');
    expect(analyze('schemaVersion: 1.0\nsteps:\n  - name: "unclosed\n').isImageBuilder).toBe(true);
    expect(analyze('steps:\n  - label: build\n').isImageBuilder).toBe(false);
    expect(analyze('').isImageBuilder).toBe(false);
  });
});
