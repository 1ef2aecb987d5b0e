/**
 * Data-driven rule tests: every fixture under test/fixtures/<kind>/ is validated and must give
 * exactly the diagnostics its annotations describe (code, severity and range). Valid fixtures
 * have no annotations, so they must give no diagnostics at all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../server/src/service/validate';
import { actualDiagnostics, expectedDiagnostics } from './support/annotations';

const root = join(__dirname, 'fixtures');

function fixtures(dir: string): string[] {
  try {
    return readdirSync(join(root, dir)).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(root, dir, f));
  } catch {
    return [];
  }
}

// `unknown/` holds texts that are neither kind (unknown-document-kind).
for (const kind of ['component', 'workflow', 'unknown'] as const) {
  describe(`${kind} fixtures`, () => {
    for (const group of ['valid', 'invalid']) {
      for (const file of fixtures(`${kind}/${group}`)) {
        it(`${group}/${basename(file)}`, () => {
          const text = readFileSync(file, 'utf8');
          // `# @options {"supportedOsVersions": [...]}` passes what project metadata would.
          const options = /^#\s*@options\s+(\{.*\})\s*$/m.exec(text);
          const result = validate(text, { fileName: basename(file), ...(options ? JSON.parse(options[1]) : {}) });
          expect(result.kind).toBe(kind);
          expect(actualDiagnostics(result.diagnostics)).toEqual(expectedDiagnostics(text));
          if (group === 'invalid') expect(expectedDiagnostics(text).length).toBeGreaterThan(0);
        });
      }
    }
  });
}
