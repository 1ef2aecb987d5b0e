/**
 * The workflow documents of the public corpus as a regression suite: nothing crashes, every
 * range lies inside the text, documents marked `looks broken` get an error, and the rest get no
 * error-severity diagnostic unless listed below with the rule they really break.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../server/src/service/text';
import { validate } from '../server/src/service/validate';
import { corpusEntries } from './support/corpus';

/** Presumed-valid documents that break a documented rule, with the rule. */
const KNOWN_ERRORS: Record<string, string> = {
  'aws__aws-cdk__packages__aws-cdk_aws-imagebuilder-alpha_test_workflow.test.ts__inline-string.yaml':
    'B.2: a CDK unit-test string, never sent to the service: LaunchInstance without the required `waitFor`, TerminateInstance without the required `instanceId`',
};

describe('workflow corpus', () => {
  const entries = corpusEntries('workflow');

  it('has the documents of SOURCES.tsv', () => {
    expect(entries.length).toBe(20);
    expect(entries.filter((e) => /looks broken/.test(e.notes)).length).toBe(2);
  });

  for (const entry of entries) {
    it(entry.file, () => {
      const text = readFileSync(entry.path, 'utf8');
      const { diagnostics, kind } = validate(text, { fileName: entry.file });
      expect(kind).toBe('workflow');
      const lines = new LineIndex(text);
      expect(diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
      for (const d of diagnostics) {
        const start = lines.offsetAt(d.range.start);
        const end = lines.offsetAt(d.range.end);
        expect(start, d.message).toBeLessThanOrEqual(end);
        expect(d.range.end.line, d.message).toBeLessThan(lines.lineCount);
        // offsetAt clamps to the line end, so a character past it would not survive the round trip.
        expect(lines.positionAt(end), d.message).toEqual(d.range.end);
        expect(lines.positionAt(start), d.message).toEqual(d.range.start);
      }
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (/looks broken/.test(entry.notes)) {
        expect(errors.length, `marked broken (${entry.notes}) but no error`).toBeGreaterThan(0);
      } else if (KNOWN_ERRORS[entry.file]) {
        expect(errors.length, KNOWN_ERRORS[entry.file]).toBeGreaterThan(0);
        expect(errors.every((e) => e.code === 'missing-input'), KNOWN_ERRORS[entry.file]).toBe(true);
      } else {
        expect(errors.map((e) => `${e.range.start.line + 1}: ${e.code} ${e.message}`)).toEqual([]);
      }
    });
  }
});
