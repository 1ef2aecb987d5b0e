/**
 * Navigation as data: definition, references, highlight, rename (with prepareRename), document
 * symbols, folding and semantic tokens on documents with a `‸` cursor. Ranges are checked by the
 * text they cover and its line, renames by the document after applying the edits.
 */
import { DocumentHighlightKind, FoldingRangeKind, SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../server/src/service/analysis';
import { definition } from '../server/src/service/definition';
import { documentSymbols } from '../server/src/service/documentSymbols';
import { findReferences } from '../server/src/service/findReferences';
import { foldingRanges } from '../server/src/service/folding';
import { documentHighlights } from '../server/src/service/highlight';
import { prepareRename, rename } from '../server/src/service/rename';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../server/src/service/semanticTokens';
import type { Range } from '../server/src/service/types';
import { withCursor, yaml } from './support/cursor';

const COMPONENT = yaml`
  name: Demo
  schemaVersion: 1.0
  parameters:
    - Version:
        type: string
        default: '1.0'
  constants:
    - Dir:
        type: string
        value: /opt/tool
  phases:
    - name: build
      steps:
        - name: Download
          action: S3Download
          inputs:
            - source: 's3://bucket/{{ Version }}/tool.zip'
              destination: '{{ Dir }}/tool.zip'
        - name: Unpack
          action: ExecuteBash
          loop:
            name: archive
            forEach:
              - a
              - b
          inputs:
            commands:
              - unzip '{{ build.Download.inputs[0].destination }}' -d {{ Dir }}/{{ archive.value }}
              - echo {{ loop.index }} {{ Version }}
    - name: validate
      steps:
        - name: Check
          action: ExecuteBash
          inputs:
            commands:
              - |
                # not a comment: script text
                test "{{ build.Unpack.outputs.stdout }}" != ""
`;

const WORKFLOW = yaml`
  schemaVersion: 1.0
  parameters:
    - name: region
      type: string
      default: eu-west-1
  steps:
    - name: Copy
      action: DistributeImage
      inputs:
        distributions:
          - region.$: $.parameters.region
    - name: Share
      action: ModifyImageAttributes
      inputs:
        distributedImages.$: $.stepOutputs.Copy.distributedImages
        attributes:
          - region.$: $.parameters.region
    - name: Wait
      action: WaitForAction
      inputs:
        payload: '{"images": "{{ $.stepOutputs.Copy.distributedImages }}"}'
  outputs:
    - name: copies
      value: $.stepOutputs.Copy.distributedImages
`;

/** Puts the cursor on the `nth` occurrence (0-based) of `needle`, `into` characters in. */
function at(doc: string, needle: string, nth = 0, into = 1): { analysis: Analysis; position: { line: number; character: number } } {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = doc.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`no ${needle} #${nth}`);
  const { text, offset: cursor } = withCursor(doc.slice(0, offset + into) + '‸' + doc.slice(offset + into));
  const analysis = analyze(text);
  return { analysis, position: analysis.lines.positionAt(cursor) };
}

/** `line:text` of each range, in document order. */
function spans(analysis: Analysis, ranges: Range[]): string[] {
  return [...ranges]
    .sort((a, b) => analysis.lines.offsetAt(a.start) - analysis.lines.offsetAt(b.start))
    .map((r) => `${r.start.line}:${analysis.text.slice(analysis.lines.offsetAt(r.start), analysis.lines.offsetAt(r.end))}`);
}

function apply(analysis: Analysis, edits: Array<{ range: Range; newText: string }>): string {
  let text = analysis.text;
  for (const edit of [...edits].sort((a, b) => analysis.lines.offsetAt(b.range.start) - analysis.lines.offsetAt(a.range.start))) {
    text = text.slice(0, analysis.lines.offsetAt(edit.range.start)) + edit.newText + text.slice(analysis.lines.offsetAt(edit.range.end));
  }
  return text;
}

describe('go to definition', () => {
  const cases: Array<[string, string, number, number, string[]]> = [
    // [what, needle, occurrence, characters into it, `line:text` of the target name]
    ['a {{ Param }} goes to the parameter name', 'Version }}', 0, 2, ['3:Version']],
    ['a constant', 'Dir }}', 1, 1, ['7:Dir']],
    ['the step part of a chaining goes to the step name', 'Download.inputs', 0, 3, ['13:Download']],
    ['the phase part goes to the phase name', 'build.Unpack', 0, 2, ['11:build']],
    ['the key of a chained input goes to that input', 'destination }}', 0, 3, ['17:destination']],
    ['the output key of a chaining goes to the step that produces it', 'stdout', 0, 2, ['18:Unpack']],
    ['a named loop variable goes to the loop name', 'archive.value', 0, 2, ['21:archive']],
    ['`loop.index` goes to the loop of its step', 'loop.index', 0, 2, ['21:archive']],
    ['a declaration is its own definition', '- Version:', 0, 3, ['3:Version']],
    ['an action name has none', 'S3Download', 0, 2, []],
    ['a context variable has none', 'source', 0, 2, []],
  ];
  for (const [what, needle, nth, into, expected] of cases) {
    it(what, () => {
      const { analysis, position } = at(COMPONENT, needle, nth, into);
      const targets = definition(analysis, position);
      expect(spans(analysis, targets.map((t) => t.targetSelectionRange))).toEqual(expected);
      for (const t of targets) {
        const whole = analysis.lines;
        expect(whole.offsetAt(t.targetRange.start)).toBeLessThanOrEqual(whole.offsetAt(t.targetSelectionRange.start));
        expect(whole.offsetAt(t.targetRange.end)).toBeGreaterThanOrEqual(whole.offsetAt(t.targetSelectionRange.end));
      }
    });
  }

  it('the origin is the clicked part only', () => {
    const { analysis, position } = at(COMPONENT, 'Download.inputs', 0, 3);
    expect(spans(analysis, definition(analysis, position).map((t) => t.originSelectionRange))).toEqual(['27:Download']);
  });

  it('workflows: $.parameters.x, $.stepOutputs.Step and distributedImages.$', () => {
    const param = at(WORKFLOW, 'parameters.region', 0, 13);
    expect(spans(param.analysis, definition(param.analysis, param.position).map((t) => t.targetSelectionRange))).toEqual(['2:region']);
    const step = at(WORKFLOW, 'Copy.distributedImages', 0, 1);
    expect(spans(step.analysis, definition(step.analysis, step.position).map((t) => t.targetSelectionRange))).toEqual(['6:Copy']);
    const inText = at(WORKFLOW, 'Copy.distributedImages }}', 0, 1);
    expect(spans(inText.analysis, definition(inText.analysis, inText.position).map((t) => t.targetSelectionRange))).toEqual(['6:Copy']);
  });

  it('past the end and on other YAML: nothing', () => {
    const analysis = analyze(COMPONENT);
    expect(definition(analysis, { line: 500, character: 0 })).toEqual([]);
    expect(definition(analysis, { line: 0, character: -1 })).toEqual([]);
    expect(definition(analyze('kind: Pod\n'), { line: 0, character: 1 })).toEqual([]);
  });
});

describe('find references and highlight', () => {
  it('all uses of a parameter, from the declaration or from a use; with and without the declaration', () => {
    const fromDeclaration = at(COMPONENT, '- Version:', 0, 3);
    expect(spans(fromDeclaration.analysis, findReferences(fromDeclaration.analysis, fromDeclaration.position, true))).toEqual(['3:Version', '16:Version', '28:Version']);
    const fromUse = at(COMPONENT, 'Version }}', 1, 1);
    expect(spans(fromUse.analysis, findReferences(fromUse.analysis, fromUse.position, false))).toEqual(['16:Version', '28:Version']);
  });

  it('a component step: every chaining to it', () => {
    const { analysis, position } = at(COMPONENT, 'Unpack', 0, 1);
    expect(spans(analysis, findReferences(analysis, position, true))).toEqual(['18:Unpack', '37:Unpack']);
  });

  it('a workflow step: $.stepOutputs paths, distributedImages.$, {{ }} in text and document outputs', () => {
    const { analysis, position } = at(WORKFLOW, 'Copy', 0, 1);
    expect(spans(analysis, findReferences(analysis, position, true))).toEqual(['6:Copy', '14:Copy', '20:Copy', '23:Copy']);
  });

  it('highlight: the declaration is written, the uses are read', () => {
    const { analysis, position } = at(WORKFLOW, 'parameters.region', 1, 13);
    const highlights = documentHighlights(analysis, position);
    expect(highlights.map((h) => [spans(analysis, [h.range])[0], h.kind])).toEqual([
      ['2:region', DocumentHighlightKind.Write],
      ['10:region', DocumentHighlightKind.Read],
      ['16:region', DocumentHighlightKind.Read],
    ]);
  });

  it('nothing on built-in names or plain values', () => {
    for (const needle of ['loop.index', 'S3Download', 'unzip']) {
      const { analysis, position } = at(COMPONENT, needle, 0, 1);
      expect(findReferences(analysis, position, true)).toEqual([]);
      expect(documentHighlights(analysis, position)).toEqual([]);
    }
  });
});

describe('rename', () => {
  it('a parameter: declaration and every {{ }} use', () => {
    const { analysis, position } = at(COMPONENT, 'Version }}', 0, 1);
    expect(prepareRename(analysis, position)).toEqual({ range: expect.anything(), placeholder: 'Version' });
    const edits = rename(analysis, position, 'ToolVersion');
    expect(Array.isArray(edits)).toBe(true);
    const after = apply(analysis, edits as never);
    expect(after).toContain('  - ToolVersion:\n');
    expect(after).toContain("'s3://bucket/{{ ToolVersion }}/tool.zip'");
    expect(after).toContain('{{ loop.index }} {{ ToolVersion }}');
    expect(after).not.toMatch(/\bVersion\b(?! of)/);
  });

  it('a component step: every chaining reference', () => {
    const { analysis, position } = at(COMPONENT, 'name: Download', 0, 8);
    const after = apply(analysis, rename(analysis, position, 'Fetch') as never);
    expect(after).toContain('- name: Fetch\n');
    expect(after).toContain("unzip '{{ build.Fetch.inputs[0].destination }}'");
    expect(analyze(after).diagnostics.filter((d) => d.code === 'undefined-reference' || d.code.startsWith('chaining'))).toEqual([]);
  });

  it('a loop name: its uses, never `loop.` itself', () => {
    const { analysis, position } = at(COMPONENT, 'archive.value', 0, 1);
    const after = apply(analysis, rename(analysis, position, 'bundle') as never);
    expect(after).toContain('name: bundle\n');
    expect(after).toContain('{{ bundle.value }}');
    expect(after).toContain('{{ loop.index }}');
  });

  it('a workflow step: $.stepOutputs paths, distributedImages.$, interpolations and outputs', () => {
    const { analysis, position } = at(WORKFLOW, 'Copy.distributedImages', 0, 1);
    const after = apply(analysis, rename(analysis, position, 'CopyImages') as never);
    expect(after.match(/\$\.stepOutputs\.CopyImages\.distributedImages/g)?.length).toBe(3);
    expect(after).toContain('distributedImages.$: $.stepOutputs.CopyImages.distributedImages');
    expect(after).toContain('- name: CopyImages\n');
  });

  it('a workflow parameter', () => {
    const { analysis, position } = at(WORKFLOW, 'name: region', 0, 7);
    const after = apply(analysis, rename(analysis, position, 'targetRegion') as never);
    expect(after.match(/\$\.parameters\.targetRegion/g)?.length).toBe(2);
    expect(after).toContain('- name: targetRegion\n');
  });

  it('keeps the quotes of a quoted name, and quotes a name YAML would read as something else', () => {
    const quoted = yaml`
      schemaVersion: 1.0
      phases:
        - name: build
          steps:
            - name: 'Fetch'
              action: ExecuteBash
              inputs:
                commands: [ls]
            - name: Use
              action: ExecuteBash
              inputs:
                commands: ['echo {{ build.Fetch.outputs.stdout }}']
    `;
    const first = at(quoted, 'Fetch', 0, 1);
    expect(spans(first.analysis, [(prepareRename(first.analysis, first.position) as { range: Range }).range])).toEqual(['4:Fetch']);
    expect(apply(first.analysis, rename(first.analysis, first.position, 'Get_1') as never)).toContain("- name: 'Get_1'\n");
    const plain = at(quoted, 'name: Use', 0, 7);
    for (const [name, written] of [['true', "'true'"], ['1234', "'1234'"], ['yes', "'yes'"], ['---', "'---'"], ['Use_2', 'Use_2']]) {
      const after = apply(plain.analysis, rename(plain.analysis, plain.position, name) as never);
      expect(after).toContain(`- name: ${written}\n`);
      expect(analyze(after).component!.steps[1].name).toBe(name);
    }
  });

  const refusals: Array<[string, string, number, number, RegExp]> = [
    ['an action name', 'S3Download', 0, 2, /Action names/],
    ['a key', 'destination:', 0, 2, /Keys are defined/],
    ['a phase', 'name: build', 0, 7, /Phases are not renamed/],
    ['`loop`', 'loop.index', 0, 1, /`loop` is the built-in name/],
    ['a chained output key', 'stdout', 0, 1, /defined by the action/],
  ];
  for (const [what, needle, nth, into, message] of refusals) {
    it(`refuses ${what} with a message`, () => {
      const { analysis, position } = at(COMPONENT, needle, nth, into);
      expect(prepareRename(analysis, position)).toEqual({ refused: expect.stringMatching(message) });
      expect(rename(analysis, position, 'Anything')).toEqual({ refused: expect.stringMatching(message) });
    });
  }

  it('refuses a workflow output, a system variable and an undeclared name', () => {
    const output = at(WORKFLOW, 'name: copies', 0, 7);
    expect(prepareRename(output.analysis, output.position)).toEqual({ refused: expect.stringMatching(/workflowOutputs/) });
    const undeclared = analyze(WORKFLOW.replace('- region.$: $.parameters.region\n  - name: Share', '- region.$: $.parameters.missing\n  - name: Share'));
    expect(undeclared.text).toContain('missing');
    const system = analyze(WORKFLOW.replace("payload: '{\"images\": \"{{ $.stepOutputs.Copy.distributedImages }}\"}'", "payload: '{{ $.imagebuilder.imageName }}'"));
    expect(prepareRename(system, system.lines.positionAt(system.text.indexOf('imageName') + 1))).toEqual({ refused: expect.stringMatching(/built in/) });
    const offset = undeclared.text.indexOf('missing') + 1;
    expect(prepareRename(undeclared, undeclared.lines.positionAt(offset))).toEqual({ refused: expect.stringMatching(/not declared/) });
  });

  const invalidNames: Array<[string, string, string, string, RegExp]> = [
    ['component parameter too short', COMPONENT, '- Version:', 'ab', /3 to 128 letters, digits, `-` or `_`/],
    ['component step with a space', COMPONENT, 'name: Download', 'Get it', /not a valid step name/],
    ['component step with a dot', COMPONENT, 'name: Download', 'a.b.c', /not a valid step name/],
    ['component variable clashing with a constant', COMPONENT, '- Version:', 'Dir', /already declared as a constant/],
    ['component step clashing with a step of the same phase', COMPONENT, 'name: Download', 'Unpack', /already declared as a step/],
    ['loop named `loop`', COMPONENT, 'name: archive', 'loop', /built-in name/],
    ['workflow step with a space', WORKFLOW, 'name: Copy', 'Copy it', /not a valid step name/],
    ['workflow step of one character', WORKFLOW, 'name: Copy', 'C', /not a valid step name/],
    ['workflow parameter with a dot', WORKFLOW, 'name: region', 'a.b', /plain JSONPath/],
  ];
  for (const [what, doc, needle, name, message] of invalidNames) {
    it(`refuses an invalid new name: ${what}`, () => {
      const { analysis, position } = at(doc, needle, 0, needle.startsWith('name: ') ? 7 : needle.startsWith('- ') ? 3 : 1);
      expect(rename(analysis, position, name)).toEqual({ refused: expect.stringMatching(message) });
    });
  }

  it('accepts the documented workflow step names, including the API form with `-`', () => {
    const { analysis, position } = at(WORKFLOW, 'name: Copy', 0, 7);
    expect(Array.isArray(rename(analysis, position, 'Copy_2'))).toBe(true);
    expect(Array.isArray(rename(analysis, position, 'Copy-images'))).toBe(true);
  });
});

describe('document symbols', () => {
  const kindName = (kind: number) => Object.entries(SymbolKind).find(([, value]) => value === kind)?.[0];
  const shape = (symbols: DocumentSymbol[]): unknown[] => symbols.map((s) => [s.name, kindName(s.kind), s.detail ?? '', ...(s.children?.length ? [shape(s.children)] : [])]);

  it('components: parameters, constants, phases with steps (action as detail) and loops', () => {
    const analysis = analyze(COMPONENT);
    const symbols = documentSymbols(analysis);
    expect(shape(symbols)).toEqual([
      ['parameters', 'Namespace', '', [['Version', 'Variable', 'string = 1.0']]],
      ['constants', 'Namespace', '', [['Dir', 'Constant', 'string = /opt/tool']]],
      ['build', 'Module', '', [['Download', 'Function', 'S3Download'], ['Unpack', 'Function', 'ExecuteBash', [['archive', 'Variable', 'loop']]]]],
      ['validate', 'Module', '', [['Check', 'Function', 'ExecuteBash']]],
    ]);
    const download = symbols[2].children![0];
    expect(spans(analysis, [download.selectionRange])).toEqual(['13:Download']);
    expect(download.range.start.line).toBe(13);
    expect(download.range.end).toEqual({ line: 17, character: analysis.text.split('\n')[17].length });
  });

  it('workflows: parameters, steps and outputs', () => {
    const analysis = analyze(WORKFLOW);
    expect(shape(documentSymbols(analysis))).toEqual([
      ['parameters', 'Namespace', '', [['region', 'Variable', 'string = eu-west-1']]],
      ['Copy', 'Function', 'DistributeImage'],
      ['Share', 'Function', 'ModifyImageAttributes'],
      ['Wait', 'Function', 'WaitForAction'],
      ['outputs', 'Namespace', '', [['copies', 'Property', '$.stepOutputs.Copy.distributedImages']]],
    ]);
  });

  it('steps without a name are still listed', () => {
    const analysis = analyze('schemaVersion: 1.0\nsteps:\n  - action: WaitForAction\n');
    expect(documentSymbols(analysis).map((s) => s.name)).toEqual(['step 1']);
  });
});

describe('folding ranges', () => {
  it('mappings and lists spanning lines from their key, block scalars, comment runs; not `#` inside a block scalar', () => {
    const text = `# imagebuilder: platform=Linux\n# a second comment line\n${COMPONENT}`;
    const analysis = analyze(text);
    const folds = foldingRanges(analysis).map((f) => `${f.startLine}-${f.endLine}${f.kind ? ` ${f.kind}` : ''}`);
    const line = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
    expect(folds).toContain(`0-1 ${FoldingRangeKind.Comment}`);
    expect(folds).toContain(`${line('parameters:')}-${line("default: '1.0'")}`);
    expect(folds).toContain(`${line('phases:')}-${line('test "{{')}`);
    expect(folds).toContain(`${line('- name: Unpack')}-${line('echo {{ loop.index')}`);
    expect(folds).toContain(`${line('forEach:')}-${line('- b')}`);
    expect(folds).toContain(`${line('- |')}-${line('test "{{')}`);
    expect(folds.filter((f) => f.endsWith(FoldingRangeKind.Comment))).toEqual([`0-1 ${FoldingRangeKind.Comment}`]);
    for (const f of foldingRanges(analysis)) expect(f.startLine).toBeLessThan(f.endLine);
  });
});

describe('semantic tokens', () => {
  function decode(analysis: Analysis): string[] {
    const data = semanticTokens(analysis).data;
    const out: string[] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
      const start = analysis.lines.offsetAt({ line, character });
      const modifiers = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, bit) => data[i + 4] & (1 << bit));
      out.push(`${analysis.text.slice(start, start + data[i + 2])}:${SEMANTIC_TOKENS_LEGEND.tokenTypes[data[i + 3]]}${modifiers.map((m) => `.${m}`).join('')}`);
    }
    return out;
  }

  it('components: declarations, reference parts and condition operators', () => {
    const text = COMPONENT + yaml`
          - name: Gate
            action: Assert
            inputs:
              and:
                - fileExists: /tmp/a
                - stringEquals: x
                  value: '{{ context:region }}'
    `.replace(/^(?=.)/gm, '      ');
    const tokens = decode(analyze(text));
    expect(tokens).toEqual(expect.arrayContaining([
      'Version:parameter.declaration', 'Dir:variable.declaration.readonly', 'build:namespace.declaration', 'Download:function.declaration',
      'archive:variable.declaration',
      'build:namespace', 'Download:function', 'inputs:keyword', '0:number', 'destination:property',
      'archive:variable', 'value:property.defaultLibrary', 'loop:variable', 'Unpack:function', 'outputs:keyword', 'stdout:property',
      'and:keyword', 'fileExists:function.defaultLibrary', 'stringEquals:function.defaultLibrary',
      'context:namespace', 'region:variable.readonly.defaultLibrary',
    ]));
    expect(tokens.filter((t) => t === 'Version:parameter')).toHaveLength(2);
    expect(tokens.filter((t) => t === 'Dir:variable.readonly')).toHaveLength(2);
  });

  it('workflows: roots, parameters, steps, outputs and system variables', () => {
    const tokens = decode(analyze(WORKFLOW.replace('payload: \'{"images": "{{ $.stepOutputs.Copy.distributedImages }}"}\'', 'payload: \'{{ $.imagebuilder.imageName }}\'')));
    expect(tokens).toEqual(expect.arrayContaining([
      'region:parameter.declaration', 'Copy:function.declaration', 'copies:property.declaration',
      'parameters:namespace', 'region:parameter', 'stepOutputs:namespace', 'Copy:function', 'distributedImages:property',
      'imagebuilder:namespace', 'imageName:variable.readonly.defaultLibrary',
    ]));
  });

  it('a range request returns only the tokens on its lines', () => {
    const analysis = analyze(COMPONENT);
    const ranged = semanticTokens(analysis, { start: { line: 16, character: 0 }, end: { line: 16, character: 100 } }).data;
    expect(ranged.length).toBe(5);
    expect(ranged[0]).toBe(16);
  });

  it('nothing for YAML that is no Image Builder document', () => {
    expect(semanticTokens(analyze('kind: Pod\nspec: {}\n')).data).toEqual([]);
  });
});

describe('lookups by position (binary search in SymbolIndex and nodeAt)', () => {
  it('two references that touch: the first wins at the shared offset, each inside its own span', () => {
    const text = yaml`
      schemaVersion: 1.0
      parameters:
        - First:
            type: string
        - Second:
            type: string
      phases:
        - name: build
          steps:
            - name: Echo
              action: ExecuteBash
              inputs:
                commands:
                  - echo {{ First }}{{ Second }}
    `;
    const analysis = analyze(text);
    const boundary = text.indexOf('}}{{') + 2;
    expect(analysis.symbols.referenceAt(boundary)?.reference.text).toBe('First');
    expect(analysis.symbols.referenceAt(boundary + 1)?.reference.text).toBe('Second');
    expect(analysis.symbols.referenceAt(text.indexOf('echo'))).toBeUndefined();
    expect(analysis.symbols.declarationAt(text.indexOf('Second:') + 6)?.name).toBe('Second');
    expect(analysis.symbols.declarationAt(text.indexOf('type'))).toBeUndefined();
  });

  it('declarations given out of document order are still found', () => {
    const analysis = analyze(COMPONENT);
    const reversed = new (analysis.symbols.constructor as typeof import('../server/src/service/symbols').SymbolIndex)(
      [...analysis.symbols.declarations].reverse(), [...analysis.symbols.references].reverse());
    for (const d of analysis.symbols.declarations) expect(reversed.declarationAt(d.nameStart)).toBe(d);
    for (const r of analysis.symbols.references) expect(reversed.referenceAt(r.start)?.reference).toBe(r);
  });

  it('nodeAt in flow collections and long lists finds the item at each offset', async () => {
    const { nodeAt } = await import('../server/src/service/cursor');
    const items = Array.from({ length: 300 }, (_, i) => `      - item${i}`).join('\n');
    const text = `schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: A\n        action: ExecuteBash\n        loop: {name: xs, forEach: [a,b]}\n        inputs:\n          commands:\n${items.replace(/^ {6}/gm, '            ')}\n`;
    const analysis = analyze(text);
    const at = (needle: string, into = 0) => nodeAt(analysis, text.indexOf(needle) + into);
    expect(at('item0\n')?.path).toEqual(['phases', 0, 'steps', 0, 'inputs', 'commands', 0]);
    expect(at('item299')?.path).toEqual(['phases', 0, 'steps', 0, 'inputs', 'commands', 299]);
    expect(at('item150', 3)?.path).toEqual(['phases', 0, 'steps', 0, 'inputs', 'commands', 150]);
    expect(at('forEach')?.path).toEqual(['phases', 0, 'steps', 0, 'loop', 'forEach']);
    expect(at('b]')?.path).toEqual(['phases', 0, 'steps', 0, 'loop', 'forEach', 1]);
    expect(at('xs,', 2)?.path).toEqual(['phases', 0, 'steps', 0, 'loop', 'name']);
  });
});
