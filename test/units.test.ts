/** Unit tests of small shared pieces whose edge cases the fixtures do not reach directly. */
import { describe, expect, it } from 'vitest';
import { readDirectives } from '../server/src/service/directives';
import { looksLikeSecret } from '../server/src/service/component/rules/variables';
import { runRules } from '../server/src/service/shared/rules';
import { closest, oneOfList } from '../server/src/service/shared/suggest';
import { LineIndex } from '../server/src/service/text';
import { validate } from '../server/src/service/validate';

describe('LineIndex', () => {
  it('counts \\n, \\r\\n and a lone \\r as line breaks, like LSP', () => {
    const lines = new LineIndex('a\r\nbb\rccc\nd');
    expect(lines.lineCount).toBe(4);
    expect(lines.positionAt(3)).toEqual({ line: 1, character: 0 });
    expect(lines.positionAt(6)).toEqual({ line: 2, character: 0 });
    expect(lines.positionAt(10)).toEqual({ line: 3, character: 0 });
    expect(lines.lineEnd(0)).toBe(1);
    expect(lines.offsetAt({ line: 2, character: 99 })).toBe(9);
  });

  it('counts characters in UTF-16 code units and clamps offsets', () => {
    const lines = new LineIndex('é😀x');
    expect(lines.positionAt(3)).toEqual({ line: 0, character: 3 });
    expect(lines.positionAt(-5)).toEqual({ line: 0, character: 0 });
    expect(lines.positionAt(999)).toEqual({ line: 0, character: 4 });
  });
});

describe('comment directives', () => {
  it('reads platform, type and kind, in any case, after a byte order mark', () => {
    const text = '\uFEFF# imagebuilder: platform=windows, type=Distribution kind=workflow\nsteps: []\n';
    const directives = readDirectives(text, new LineIndex(text));
    expect(directives).toEqual({ platform: 'Windows', workflowType: 'DISTRIBUTION', kind: 'workflow', diagnostics: [] });
  });

  it('reports a setting it cannot read, on that setting', () => {
    const text = 'steps: []\n  # imagebuilder: type=DEPLOY\n';
    const { diagnostics, workflowType } = readDirectives(text, new LineIndex(text));
    expect(workflowType).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].code).toBe('invalid-directive');
    expect(diagnostics[0].range).toEqual({ start: { line: 1, character: 18 }, end: { line: 1, character: 29 } });
  });
});

describe('suggestions', () => {
  it('suggests a close name, ignores far ones, and prefers a case-only difference', () => {
    expect(closest('ExecuteBsh', ['ExecuteBash', 'ExecuteBinary'])).toBe('ExecuteBash');
    expect(closest('executebash', ['ExecuteBinary', 'ExecuteBash'])).toBe('ExecuteBash');
    expect(closest('Frobnicate', ['ExecuteBash', 'Reboot'])).toBeUndefined();
  });

  it('lists values for a sentence', () => {
    expect(oneOfList(['a'])).toBe('`a`');
    expect(oneOfList(['a', 'b', '\n'])).toBe('`a`, `b` or `\\n`');
  });
});

describe('secret-looking names', () => {
  it('splits names into words, so Bypass and Passport are not secrets', () => {
    for (const name of ['DbPassword', 'db_password', 'ApiKey', 'MyToken', '/myapp/db/password', 'ClientSecret']) expect(looksLikeSecret(name), name).toBe(true);
    for (const name of ['Bypass', 'Compass', 'Passport', 'TokenizerPath', 'KeyName']) expect(looksLikeSecret(name), name).toBe(false);
  });
});

describe('runRules', () => {
  it('keeps the other rules’ diagnostics when one rule throws, and says so', () => {
    const lines = new LineIndex('x');
    const ok = () => [{ range: lines.range(0, 1), severity: 'error' as const, code: 'wrong-type', message: 'fine' }];
    const broken = function brokenRule(): never {
      throw new Error('boom');
    };
    const result = runRules([ok, broken, ok], {}, {}, lines);
    expect(result.map((d) => d.code)).toEqual(['wrong-type', 'internal-error', 'wrong-type']);
    expect(result[1].message).toContain('brokenRule');
    expect(result[1].severity).toBe('information');
  });
});

describe('hints for values that are text only by how they are written', () => {
  it('says that `yes` is text and a quoted number is text', () => {
    const text = '# imagebuilder: platform=Linux\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Fetch\n        action: S3Download\n        inputs:\n          - source: s3://b/k\n            destination: /tmp/k\n            overwrite: yes\n      - name: Again\n        action: Reboot\n        inputs:\n          delaySeconds: \'30\'\n';
    const messages = validate(text).diagnostics.map((d) => d.message);
    expect(messages).toContain('`overwrite` of `S3Download` must be `true` or `false`, or a `{{ reference }}`. `yes` is text in YAML 1.2: write `true`.');
    expect(messages).toContain('`delaySeconds` of `Reboot` must be a whole number of at least 0, or a `{{ reference }}`. The quotes make `30` text: write 30 without them.');
  });
});
