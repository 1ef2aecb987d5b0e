/**
 * Bad input never breaks the service: property-based mutations of real corpus documents, and
 * the hostile inputs a language server meets (binary junk, huge files, deep nesting, alias
 * bombs). The service must return, and every range must lie inside the text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../server/src/service/text';
import { validate } from '../server/src/service/validate';
import type { Diagnostic } from '../server/src/service/types';
import { CORPUS } from './support/corpus';

function expectRangesInside(text: string, diagnostics: Diagnostic[]): void {
  const lines = new LineIndex(text);
  for (const d of diagnostics) {
    const { start, end } = d.range;
    for (const p of [start, end]) {
      expect(p.line).toBeGreaterThanOrEqual(0);
      expect(p.line).toBeLessThan(lines.lineCount);
      expect(p.character).toBeGreaterThanOrEqual(0);
      const lineLength = lines.lineEnd(p.line) - lines.offsetAt({ line: p.line, character: 0 });
      expect(p.character).toBeLessThanOrEqual(lineLength + 1);
    }
    expect(start.line < end.line || (start.line === end.line && start.character <= end.character)).toBe(true);
    expect(typeof d.code).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
    // A rule that threw is caught and reported as internal-error; that is a bug here too.
    expect(d.code, d.message).not.toBe('internal-error');
  }
}

const documents = ['component', 'workflow'].flatMap((kind) =>
  readdirSync(join(CORPUS, kind)).map((file) => readFileSync(join(CORPUS, kind, file), 'utf8')),
);

/** Edits a person (or a bad merge) makes: cut, insert junk, duplicate, re-indent, swap lines. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.nat({ max: 200 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('{{', '}}', '{{ x }}', ': ', '- ', '\t', '\r', '\r\n', '\u0000', '"', "'", '&a ', '*a', '<<: *a', '---\n', '%{ if }', '${v}', '|\n', '? ', '[', ']', '#', '\uFEFF', '😀', '\\'),
  ) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, m: Mutation): string {
  const lines = text.split('\n');
  switch (m.kind) {
    case 'cut': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'duplicateLine': {
      const at = m.at % lines.length;
      lines.splice(at, 0, lines[at]);
      return lines.join('\n');
    }
    case 'indent': {
      const at = m.at % lines.length;
      lines[at] = m.by >= 0 ? ' '.repeat(m.by) + lines[at] : lines[at].replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
    case 'swapLines': {
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
  }
}

describe('robustness', () => {
  it('never throws on mutated corpus documents and keeps every range inside the text', () => {
    fc.assert(
      fc.property(fc.nat({ max: documents.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.constantFrom(undefined, 'Linux', 'Windows') as fc.Arbitrary<'Linux' | 'Windows' | undefined>, (index, mutations, platform) => {
        const text = mutations.reduce(apply, documents[index]);
        const result = validate(text, { platform });
        expectRangesInside(text, result.diagnostics);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400), seed: Number(process.env.FUZZ_SEED ?? 20261127) },
    );
  });

  it('handles arbitrary strings, including binary junk', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expectRangesInside(text, validate(text).diagnostics);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  const hostile: Record<string, [string, string]> = {
    'empty file': ['', 'unknown-document-kind'],
    'only a document marker': ['---\n', 'unknown-document-kind'],
    'binary junk with NUL bytes': ['\u0000\u0001\u0002\u00ff\u00fe garbage \u0000', 'binary-content'],
    'deeply nested flow collections': [`phases: ${'['.repeat(3000)}${']'.repeat(3000)}`, 'yaml-syntax'],
    'an alias bomb': ['a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nphases: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n', 'yaml-syntax'],
    'a recursive alias': ['schemaVersion: 1.0\nphases: &p\n  - name: build\n    steps: *p\n', 'missing-key'],
    'a 5 MB file': ['x'.repeat(5 * 1024 * 1024), 'document-too-large'],
    'a Terraform template directive': ['schemaVersion: 1.0\nphases:\n%{ for p in phases }\n  - name: ${p}\n%{ endfor }\n', 'template-placeholder'],
  };
  for (const [name, [text, code]] of Object.entries(hostile)) {
    it(`reports ${name} with ${code}`, () => {
      const result = validate(text);
      expectRangesInside(text, result.diagnostics);
      expect(result.diagnostics.map((d) => d.code)).toContain(code);
    });
  }
});
