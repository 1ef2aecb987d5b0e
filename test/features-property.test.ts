/**
 * Property test of the editor features over every corpus document and example: at EVERY
 * position, hover, definition and references never throw and every range they return lies
 * inside the text; so do highlight, prepareRename and completion at every line's ends, every
 * reference part and every declaration; document symbols, folding and semantic tokens are well
 * formed; and renaming a declaration of each kind gives a document that still parses and whose
 * references all follow the new name. One analysis per document.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../server/src/service/analysis';
import { complete } from '../server/src/service/complete';
import { definition } from '../server/src/service/definition';
import { documentSymbols } from '../server/src/service/documentSymbols';
import { findReferences } from '../server/src/service/findReferences';
import { foldingRanges } from '../server/src/service/folding';
import { documentHighlights } from '../server/src/service/highlight';
import { hover } from '../server/src/service/hover';
import { prepareRename, rename } from '../server/src/service/rename';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../server/src/service/semanticTokens';
import type { Position, Range } from '../server/src/service/types';
import { CORPUS } from './support/corpus';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const DOCUMENTS = [
  ...yamlFiles(join(CORPUS, 'component')),
  ...yamlFiles(join(CORPUS, 'workflow')),
  ...yamlFiles(join(__dirname, '..', 'examples')),
];

/** The test's own check of a range against the text: every position exists. */
function inside(analysis: Analysis, range: Range): boolean {
  const lines = analysis.lines;
  const valid = (p: Position) => p.line >= 0 && p.character >= 0 && p.line < lines.lineCount
    && lines.offsetAt({ line: p.line, character: 0 }) + p.character <= lines.lineEnd(p.line);
  return valid(range.start) && valid(range.end) && lines.offsetAt(range.start) <= lines.offsetAt(range.end);
}

function lineLength(analysis: Analysis, line: number): number {
  return analysis.lines.lineEnd(line) - analysis.lines.offsetAt({ line, character: 0 });
}

function checkSymbols(analysis: Analysis, symbols: DocumentSymbol[], bad: string[], parent?: Range): void {
  for (const s of symbols) {
    if (!inside(analysis, s.range) || !inside(analysis, s.selectionRange)) bad.push(`symbol ${s.name} out of the text`);
    const offset = (p: Position) => analysis.lines.offsetAt(p);
    if (offset(s.selectionRange.start) < offset(s.range.start) || offset(s.selectionRange.end) > offset(s.range.end)) bad.push(`symbol ${s.name}: selectionRange outside range`);
    if (parent && (offset(s.range.start) < offset(parent.start) || offset(s.range.end) > offset(parent.end))) bad.push(`symbol ${s.name} outside its parent`);
    if (!s.name) bad.push('symbol without a name');
    checkSymbols(analysis, s.children ?? [], bad, s.range);
  }
}

describe('editor features at every position of every corpus document', () => {
  it('finds the documents', () => {
    expect(DOCUMENTS.length).toBeGreaterThan(260);
  });

  for (const path of DOCUMENTS) {
    const name = path.slice(path.lastIndexOf('/', path.lastIndexOf('/') - 1) + 1);
    it(name, () => {
      const text = readFileSync(path, 'utf8');
      const analysis = analyze(text);
      const bad: string[] = [];
      const check = (what: string, position: Position, range: Range | undefined) => {
        if (range && !inside(analysis, range)) bad.push(`${what} at ${position.line}:${position.character} returned ${JSON.stringify(range)}`);
      };
      for (let line = 0; line < analysis.lines.lineCount; line++) {
        const length = lineLength(analysis, line);
        for (let character = 0; character <= length; character++) {
          const position = { line, character };
          const shown = hover(analysis, position);
          check('hover', position, shown?.range);
          if (shown && typeof shown.contents === 'object' && 'value' in shown.contents && !shown.contents.value) bad.push(`empty hover at ${line}:${character}`);
          for (const target of definition(analysis, position)) {
            check('definition target', position, target.targetRange);
            check('definition selection', position, target.targetSelectionRange);
            check('definition origin', position, target.originSelectionRange);
          }
          for (const range of findReferences(analysis, position, true)) check('references', position, range);
        }
      }

      // Highlight, prepareRename and completion (which reads the lines above the cursor) where
      // they have something to say: every line's start and end, every reference part's ends and
      // every declaration's name; completion only where text is being typed.
      const sampled = new Map<string, Position>();
      const add = (p: Position) => sampled.set(`${p.line}:${p.character}`, p);
      for (let line = 0; line < analysis.lines.lineCount; line++) add({ line, character: 0 }), add({ line, character: lineLength(analysis, line) });
      for (const reference of analysis.symbols.references) for (const part of reference.parts) add(part.range.start), add(part.range.end);
      for (const declaration of analysis.symbols.declarations) add(declaration.nameRange.start), add(declaration.nameRange.end);
      for (const position of sampled.values()) {
        for (const highlight of documentHighlights(analysis, position)) check('highlight', position, highlight.range);
        const prepared = prepareRename(analysis, position);
        if ('range' in prepared) check('prepareRename', position, prepared.range);
        // Completion where text is typed: after the last character of a line or of a reference part.
        const typedAt = position.character === lineLength(analysis, position.line) || analysis.symbols.referenceAt(analysis.lines.offsetAt(position))?.part?.end === analysis.lines.offsetAt(position);
        if (!typedAt) continue;
        for (const item of complete(analysis, position).items) {
          const edit = item.textEdit;
          if (edit && 'range' in edit) check('completion edit', position, edit.range);
          if (edit && 'insert' in edit) {
            check('completion insert', position, edit.insert);
            check('completion replace', position, edit.replace);
          }
        }
      }

      checkSymbols(analysis, documentSymbols(analysis), bad);
      for (const fold of foldingRanges(analysis)) {
        if (!(fold.startLine < fold.endLine && fold.endLine < analysis.lines.lineCount)) bad.push(`fold ${fold.startLine}-${fold.endLine}`);
      }
      const data = semanticTokens(analysis).data;
      let line = 0;
      let character = 0;
      let previousEnd = -1;
      for (let i = 0; i < data.length; i += 5) {
        line += data[i];
        character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
        const start = analysis.lines.offsetAt({ line, character });
        if (character + data[i + 2] > lineLength(analysis, line)) bad.push(`token at ${line}:${character} runs past its line`);
        if (start < previousEnd) bad.push(`token at ${line}:${character} overlaps the previous one`);
        if (data[i + 3] >= SEMANTIC_TOKENS_LEGEND.tokenTypes.length) bad.push(`token type ${data[i + 3]} not in the legend`);
        previousEnd = start + data[i + 2];
      }

      // Renaming each declaration that can be renamed keeps the YAML readable and every use pointing at it.
      // One declaration of each kind per document: each rename analyses the document again.
      const sample = new Map(analysis.symbols.declarations.filter((d) => 'range' in prepareRename(analysis, d.nameRange.start)).map((d) => [d.kind, d]));
      for (const declaration of sample.values()) {
        const edits = rename(analysis, declaration.nameRange.start, 'Renamed_x1');
        if (!Array.isArray(edits)) continue;
        for (const edit of edits) check('rename edit', declaration.nameRange.start, edit.range);
        const renamed = applyEdits(analysis, edits);
        const after = analyze(renamed);
        expect(after.parsed.diagnostics.filter((d) => d.code === 'yaml-syntax').length, `${declaration.name}: rename broke the YAML`)
          .toBeLessThanOrEqual(analysis.parsed.diagnostics.filter((d) => d.code === 'yaml-syntax').length);
        const again = after.symbols.declarations.find((d) => d.kind === declaration.kind && d.name === 'Renamed_x1' && d.phase === declaration.phase);
        expect(again, `${declaration.kind} ${declaration.name} renamed`).toBeDefined();
        expect(after.symbols.usesOf(again!).length).toBe(analysis.symbols.usesOf(declaration).length);
      }
      expect(bad.slice(0, 10)).toEqual([]);
    });
  }
});

function applyEdits(analysis: Analysis, edits: Array<{ range: Range; newText: string }>): string {
  const sorted = [...edits].sort((a, b) => analysis.lines.offsetAt(b.range.start) - analysis.lines.offsetAt(a.range.start));
  let text = analysis.text;
  for (const edit of sorted) text = text.slice(0, analysis.lines.offsetAt(edit.range.start)) + edit.newText + text.slice(analysis.lines.offsetAt(edit.range.end));
  return text;
}
