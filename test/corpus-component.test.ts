/**
 * The public corpus as a regression suite: nothing crashes, every range lies inside the text,
 * documents the corpus marks as broken get an error, and the rest get no error-severity
 * diagnostic unless listed below with the rule they really break.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validate } from '../server/src/service/validate';
import { LineIndex } from '../server/src/service/text';
import { corpusEntries } from './support/corpus';

/** Presumed-valid documents that break a documented rule, with the rule. */
const KNOWN_ERRORS: Array<[RegExp, string]> = [
  [/^toadslop__aws_imagebuilder_component__test_test\.yaml$/,
    'L30/L31: a library test fixture copying the doc syntax: delimiter ".,;:\\n\\t -_" is not one character, and two loops share the name "string"'],
  [/^sprutton1__terraform-aws-image-builder-pipeline__workspace_components_dotnet48\.yaml$/,
    'L01: `schemaVersion: 1.1`; only 1.0 is supported'],
  [/^chaunceyyann__aws-imagebuilder-image__image_specs_golden_image_spec_component_specifications_/,
    'spec 2.1 / L19: parameters written workflow-style (`- name: X` with `type:` beside it) instead of `- X: {type: string}`'],
];
const knownError = (file: string) => KNOWN_ERRORS.find(([pattern]) => pattern.test(file))?.[1];

describe('component corpus', () => {
  const entries = corpusEntries('component');

  it('has the documents of SOURCES.tsv', () => {
    expect(entries.length).toBe(248);
  });

  for (const entry of entries) {
    it(entry.file, () => {
      const text = readFileSync(entry.path, 'utf8');
      const { diagnostics, kind } = validate(text, { fileName: entry.file });
      const lines = new LineIndex(text);
      expect(diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
      for (const d of diagnostics) {
        expect(lines.offsetAt(d.range.start)).toBeLessThanOrEqual(lines.offsetAt(d.range.end));
        expect(d.range.end.line).toBeLessThan(lines.lineCount);
        expect(d.range.end.character).toBeLessThanOrEqual(lines.lineEnd(d.range.end.line) - lines.offsetAt({ line: d.range.end.line, character: 0 }) + 1);
      }
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (entry.broken) {
        expect(errors.length, `broken (${entry.notes}) but no error`).toBeGreaterThan(0);
      } else if (knownError(entry.file)) {
        expect(errors.length).toBeGreaterThan(0);
      } else {
        expect(kind).toBe('component');
        expect(errors.map((e) => `${e.range.start.line + 1}: ${e.code} ${e.message}`)).toEqual([]);
      }
    });
  }
});
