/**
 * Quick fixes as golden files: test/fixtures/quickfix/<name>.before.yaml is linted, the fix
 * named in cases.json (code and title) is applied, and the result must equal <name>.after.yaml
 * byte for byte, with LF and with CRLF line breaks; re-validating the result shows the
 * diagnostic gone. Then the typed data: what the rules attach, and what a client may send back.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../server/src/service/analysis';
import { asLspDiagnostic, codeActions } from '../server/src/service/codeActions';
import { isFixableCode, readFixData } from '../server/src/service/fixData';
import { CORPUS } from './support/corpus';
import { yaml } from './support/cursor';

const folder = join(__dirname, 'fixtures', 'quickfix');
const cases = JSON.parse(readFileSync(join(folder, 'cases.json'), 'utf8')) as Record<string, { code: string; title: string }>;
const URI = 'file:///work/document.yaml';
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } };
/** QUICKFIX_UPDATE=1 writes the after files from the current fixes (review the diff before committing). */
const update = process.env.QUICKFIX_UPDATE === '1';

function withEol(text: string, eol: string): string {
  return text.replace(/\r?\n/g, eol);
}

function apply(text: string, action: CodeAction): string {
  const edits = action.edit?.changes?.[URI];
  if (!edits) throw new Error(`${action.title}: no edits for the document`);
  return TextDocument.applyEdits(TextDocument.create(URI, 'yaml', 1, text), edits);
}

/** The actions a client gets when it sends back every diagnostic it was shown. */
function actionsFor(analysis: Analysis, sent: LspDiagnostic[] = analysis.diagnostics.map(asLspDiagnostic)): CodeAction[] {
  // Through JSON, as over the wire: data comes back as plain objects.
  return codeActions(analysis, URI, WHOLE, JSON.parse(JSON.stringify(sent)));
}

function documents(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? documents(path) : /\.ya?ml$/.test(entry) ? [path] : [];
  });
}

const count = (analysis: Analysis, code: string) => analysis.diagnostics.filter((d) => d.code === code).length;
const syntaxProblems = (analysis: Analysis) => analysis.diagnostics.filter((d) => d.code === 'yaml-syntax' || d.code === 'yaml-warning');

describe('quick-fix golden files', () => {
  for (const [name, { code, title }] of Object.entries(cases)) {
    for (const [label, eol] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
      it(`${name} (${label}): ${title}`, () => {
        const before = withEol(readFileSync(join(folder, `${name}.before.yaml`), 'utf8'), eol);
        const analysis = analyze(before, { fileName: `${name}.yaml` });
        const matching = actionsFor(analysis).filter((a) => a.title === title && a.diagnostics?.[0]?.code === code);
        expect(matching.map((a) => a.title)).toEqual([title]);
        const [action] = matching;
        expect(action.kind).toBe('quickfix');
        expect(action.diagnostics!.every((d) => d.code === code)).toBe(true);

        const fixed = apply(before, action);
        const afterFile = join(folder, `${name}.after.yaml`);
        if (update && eol === '\n') writeFileSync(afterFile, fixed);
        expect(fixed).toBe(withEol(readFileSync(afterFile, 'utf8'), eol));
        // Only the document's own line break is ever inserted.
        if (eol === '\n') expect(fixed).not.toContain('\r');
        else expect(fixed.replace(/\r\n/g, '')).not.toContain('\n');

        const revalidated = analyze(fixed, { fileName: `${name}.yaml` });
        expect(syntaxProblems(revalidated)).toEqual([]);
        expect(count(revalidated, code)).toBe(count(analysis, code) - action.diagnostics!.length);
      });
    }
  }

  it('every case has its files, and every file its case', () => {
    const names = readdirSync(folder).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.(before|after)\.yaml$/, ''));
    expect([...new Set(names)].sort()).toEqual(Object.keys(cases).sort());
  });

});

describe('every fix offered on the fixtures, the examples and the corpus', () => {
  const roots = [join(__dirname, 'fixtures'), join(__dirname, '..', 'examples'), CORPUS].filter((root) => existsSync(root));

  it('leaves YAML that parses as well as before, without the diagnostic it fixes', () => {
    let checked = 0;
    const codes = new Set<string>();
    for (const file of roots.flatMap(documents)) {
      const before = readFileSync(file, 'utf8');
      const analysis = analyze(before, { fileName: 'document.yaml' });
      if (!analysis.isImageBuilder) continue;
      for (const action of actionsFor(analysis)) {
        const revalidated = analyze(apply(before, action), { fileName: 'document.yaml' });
        const where = `${file}: ${action.title}`;
        expect(syntaxProblems(revalidated).length, where).toBeLessThanOrEqual(syntaxProblems(analysis).length);
        // The same problem (code and message) is reported fewer times: a Go-template reference
        // rewritten to `{{ Name }}` may still name nothing, but it is no longer Go syntax.
        for (const fixed of action.diagnostics!) {
          const same = (a: Analysis) => a.diagnostics.filter((d) => d.code === fixed.code && d.message === fixed.message).length;
          expect(same(revalidated), where).toBeLessThan(same(analysis));
        }
        codes.add(String(action.diagnostics![0].code));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(codes.size).toBeGreaterThanOrEqual(15);
  });
});

const BROKEN = yaml`
  # imagebuilder: platform=Linux
  schemaVersion: 1.0
  phases:
    - name: build
      steps:
        - name: Fetch
          action: S3Downlod
          inputs:
            - source: s3://bucket/key
              destination: /tmp/key
        - name: Hello
          action: ExecuteBash
          inputs:
            commands:
              - echo hello
`;

describe('code actions from what the client sends', () => {
  const analysis = analyze(BROKEN);
  const actionLine = { start: { line: 6, character: 16 }, end: { line: 6, character: 16 } };

  it('uses the analysis when the client sends no diagnostics, only for the requested range', () => {
    expect(codeActions(analysis, URI, actionLine, []).map((a) => a.title)).toEqual(['Change to `S3Download`']);
    expect(codeActions(analysis, URI, { start: { line: 11, character: 0 }, end: { line: 11, character: 5 } }, [])).toEqual([]);
  });

  it('answers with the diagnostic objects the client sent, and marks the obvious fix preferred', () => {
    const sent = analysis.diagnostics.map(asLspDiagnostic);
    const [action] = codeActions(analysis, URI, actionLine, sent);
    expect(action.diagnostics).toEqual([sent[0]]);
    expect(action.isPreferred).toBe(true);
    expect(action.edit).toEqual({ changes: { [URI]: [{ range: { start: { line: 6, character: 16 }, end: { line: 6, character: 25 } }, newText: 'S3Download' }] } });
  });

  it('takes the data from the analysis when the client dropped it, and ignores data that does not fit', () => {
    const [unknownAction] = analysis.diagnostics.map(asLspDiagnostic);
    const { data: _dropped, ...withoutData } = unknownAction;
    expect(codeActions(analysis, URI, actionLine, [withoutData]).map((a) => a.title)).toEqual(['Change to `S3Download`']);
    for (const data of [42, 'S3Download', [], { action: 7, replacement: 'S3Download' }, { code: 'unknown-key', action: 'S3Downlod', replacement: 'S3Download' }]) {
      // Bad data is ignored: the analysis' own data is used for this diagnostic instead.
      expect(codeActions(analysis, URI, actionLine, [{ ...unknownAction, data }]).map((a) => a.title)).toEqual(['Change to `S3Download`']);
    }
  });

  it('writes nothing over text that is not what the data says (stale or forged data)', () => {
    const [unknownAction] = analysis.diagnostics.map(asLspDiagnostic);
    const forged = { ...unknownAction, data: { code: 'unknown-action', action: 'ExecuteBash', replacement: 'Reboot' } };
    expect(codeActions(analysis, URI, actionLine, [forged])).toEqual([]);
  });

  it('leaves other sources, other kinds and bad requests alone', () => {
    const [unknownAction] = analysis.diagnostics.map(asLspDiagnostic);
    expect(codeActions(analysis, URI, actionLine, [{ ...unknownAction, source: 'yaml-schema' }]).map((a) => a.title)).toEqual(['Change to `S3Download`']);
    expect(codeActions(analysis, URI, actionLine, [unknownAction], { only: ['source'] })).toEqual([]);
    expect(codeActions(analysis, URI, actionLine, [unknownAction], { only: ['quickfix'] })).toHaveLength(1);
    for (const range of [undefined, null, {}, { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } }]) {
      expect(codeActions(analysis, URI, range, [unknownAction])).toEqual([]);
    }
    expect(codeActions(analysis, URI, actionLine, [null, 3, { code: 'unknown-action' }, { range: actionLine, code: { not: 'a string' } }]).map((a) => a.title)).toEqual(['Change to `S3Download`']);
  });

  it('gives one action for several diagnostics with the same fix', () => {
    const text = yaml`
      # imagebuilder: platform=Linux
      schemaVersion: 1.0
      phases:
        - name: build
          steps:
            - name: Fetch
              action: S3Download
              inputs:
                - overwrite: true
    `;
    const fetch = analyze(text);
    expect(fetch.diagnostics.filter((d) => d.code === 'missing-input')).toHaveLength(2);
    const actions = actionsFor(fetch);
    expect(actions.map((a) => [a.title, a.diagnostics!.length])).toEqual([['Add the missing inputs `source`, `destination`', 2]]);
    expect(apply(text, actions[0])).toContain("          - source: ''\n            destination: ''\n            overwrite: true\n");
  });

  it('prefers renaming a misspelt input over adding the one it misspells', () => {
    const text = yaml`
      # imagebuilder: platform=Linux
      schemaVersion: 1.0
      phases:
        - name: build
          steps:
            - name: Hello
              action: ExecuteBash
              inputs:
                comands:
                  - echo hello
    `;
    const actions = actionsFor(analyze(text));
    expect(actions.map((a) => [a.title, !!a.isPreferred])).toEqual([
      ['Add the missing input `commands`', false],
      ['Change to `commands`', true],
    ]);
  });

  it('declares a workflow parameter with the type its place expects', () => {
    const text = yaml`
      # imagebuilder: type=BUILD
      schemaVersion: 1.0
      parameters: []
      steps:
        - name: Launch
          action: LaunchInstance
          inputs:
            waitFor: ssmAgent
            instanceTypesOverride.$: $.parameters.types
    `;
    const [action] = actionsFor(analyze(text));
    expect(action.title).toBe('Declare parameter `types` of type stringList');
    expect(apply(text, action)).toContain('parameters:\n  - name: types\n    type: stringList\nsteps:');
  });
});

describe('typed quick-fix data', () => {
  it('every diagnostic with data carries exactly the data of its code, and survives the way to the client and back', () => {
    const seen = new Set<string>();
    for (const file of [join(__dirname, 'fixtures'), join(__dirname, '..', 'examples'), CORPUS].filter((root) => existsSync(root)).flatMap(documents)) {
      for (const d of analyze(readFileSync(file, 'utf8'), { fileName: 'document.yaml' }).diagnostics) {
        if (!d.data) continue;
        seen.add(d.code);
        expect(isFixableCode(d.code), `${file}: ${d.code}`).toBe(true);
        const wire = JSON.parse(JSON.stringify(d.data));
        expect(readFixData(d.code, wire), `${file}: ${d.code} ${JSON.stringify(d.data)}`).toEqual(d.data);
      }
    }
    // The corpus exercises most codes with data; a rule that stops attaching it shows here.
    expect(seen.size).toBeGreaterThanOrEqual(15);
  });

  it('reads only fields of the declared types', () => {
    expect(readFixData('missing-input', { action: 'S3Download', missing: ['source'], where: 'inputs', path: [0], extra: 'dropped' }))
      .toEqual({ code: 'missing-input', action: 'S3Download', missing: ['source'], where: 'inputs', path: [0] });
    expect(readFixData('missing-input', { action: 'S3Download', missing: [], where: 'inputs', path: [] })).toBeUndefined();
    expect(readFixData('missing-input', { action: 'S3Download', missing: ['source'], where: 'elsewhere', path: [] })).toBeUndefined();
    expect(readFixData('missing-input', { action: 'S3Download', missing: ['source'], where: 'inputs', path: [-1] })).toBeUndefined();
    expect(readFixData('undefined-parameter', { name: 'x', type: 'map' })).toBeUndefined();
    expect(readFixData('unknown-action', { action: 'x', replacement: 'y'.repeat(5000) })).toBeUndefined();
    expect(readFixData('yaml-syntax', { replacement: 'x' })).toBeUndefined();
    expect(readFixData('__proto__', {})).toBeUndefined();
  });
});
