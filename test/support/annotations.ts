/**
 * Expected diagnostics written inside a fixture as YAML comments, so a fixture shows exactly
 * where each diagnostic belongs:
 *
 *       - name: Prepare
 *   #           ^^^^^^^ error duplicate-step-name
 *
 * The carets mark the range on the closest line above that is not an annotation. For ranges a
 * caret cannot reach (column 0, several lines), write the range out, 0-based:
 *
 *   # @expect error schema-version 0:0-0:13
 */
import type { Diagnostic } from '../../server/src/service/types';

export interface Expected {
  severity: string;
  code: string;
  range: string;
}

const CARETS = /^(\s*#\s*)(\^+)\s+(error|warning|information|hint)\s+([a-z0-9-]+)\s*$/;
const EXPLICIT = /^\s*#\s*@expect\s+(error|warning|information|hint)\s+([a-z0-9-]+)\s+(\d+):(\d+)-(\d+):(\d+)\s*$/;

export function expectedDiagnostics(text: string): Expected[] {
  const lines = text.split(/\r\n|\r|\n/);
  const expected: Expected[] = [];
  let target = -1;
  lines.forEach((line, index) => {
    const caret = CARETS.exec(line);
    const explicit = EXPLICIT.exec(line);
    if (caret) {
      const start = caret[1].length;
      const end = start + caret[2].length;
      expected.push({ severity: caret[3], code: caret[4], range: `${target}:${start}-${target}:${end}` });
    } else if (explicit) {
      expected.push({ severity: explicit[1], code: explicit[2], range: `${explicit[3]}:${explicit[4]}-${explicit[5]}:${explicit[6]}` });
    } else {
      target = index;
    }
  });
  return expected.sort(compare);
}

export function actualDiagnostics(diagnostics: Diagnostic[]): Expected[] {
  return diagnostics
    .map((d) => ({
      severity: d.severity,
      code: d.code,
      range: `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
    }))
    .sort(compare);
}

function compare(a: Expected, b: Expected): number {
  return a.range.localeCompare(b.range, 'en', { numeric: true }) || a.code.localeCompare(b.code);
}
