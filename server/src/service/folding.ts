/**
 * Folding ranges: every mapping and list that spans lines (folded from the line of its key or
 * list marker), block and multi-line scalars, and runs of two or more comment lines. Lines
 * inside a block scalar are text, not comments, even when they start with `#`.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { Analysis } from './analysis';

export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const ends = new Map<number, { end: number; kind?: FoldingRangeKind }>();
  const textLines: Array<[number, number]> = [];
  const add = (startLine: number, endLine: number, kind?: FoldingRangeKind) => {
    if (endLine <= startLine) return;
    const known = ends.get(startLine);
    if (!known || known.end < endLine) ends.set(startLine, { end: endLine, kind });
  };
  const root = analysis.parsed.yaml?.contents as Node | null | undefined;
  if (root) walk(analysis, root, undefined, add, textLines, 0);
  commentBlocks(analysis, textLines, add);
  return [...ends.entries()]
    .sort(([a], [b]) => a - b)
    .map(([startLine, { end, kind }]) => (kind ? { startLine, endLine: end, kind } : { startLine, endLine: end }));
}

type Add = (startLine: number, endLine: number, kind?: FoldingRangeKind) => void;

/** Folds `node`, from `from` (its key's offset) when it is a pair's value. */
function walk(analysis: Analysis, node: Node, from: number | undefined, add: Add, textLines: Array<[number, number]>, depth: number): void {
  if (depth > 200 || isAlias(node) || !node.range) return;
  const start = from ?? node.range[0];
  const startLine = analysis.lines.positionAt(start).line;
  const endLine = lastContentLine(analysis, start, node.range[1]);
  if (isScalar(node)) {
    if (endLine > startLine) {
      add(startLine, endLine);
      textLines.push([analysis.lines.positionAt(node.range[0]).line, endLine]);
    }
    return;
  }
  if (!isMap(node) && !isSeq(node)) return;
  add(startLine, endLine);
  for (const item of node.items as unknown[]) {
    if (isPair(item)) {
      const key = item.key as Node | null;
      const value = item.value as Node | null;
      if (key && !isScalar(key)) walk(analysis, key, undefined, add, textLines, depth + 1);
      if (value) walk(analysis, value, key?.range?.[0], add, textLines, depth + 1);
    } else if (item) {
      walk(analysis, item as Node, undefined, add, textLines, depth + 1);
    }
  }
}

/** The last line holding something of `[start, end)`: block collections end after a line break. */
function lastContentLine(analysis: Analysis, start: number, end: number): number {
  const text = analysis.text;
  let last = Math.min(end, text.length);
  while (last > start && /\s/.test(text[last - 1])) last--;
  return analysis.lines.positionAt(last).line;
}

function commentBlocks(analysis: Analysis, textLines: Array<[number, number]>, add: Add): void {
  const inText = new Set<number>();
  for (const [from, to] of textLines) for (let line = from + 1; line <= to; line++) inText.add(line);
  const lines = analysis.lines;
  let runStart = -1;
  for (let line = 0; line <= lines.lineCount; line++) {
    const isComment = line < lines.lineCount && !inText.has(line) && /^\s*#/.test(analysis.text.slice(lines.offsetAt({ line, character: 0 }), lines.lineEnd(line)));
    if (isComment && runStart < 0) runStart = line;
    if (!isComment && runStart >= 0) {
      if (line - 1 > runStart) add(runStart, line - 1, FoldingRangeKind.Comment);
      runStart = -1;
    }
  }
}
