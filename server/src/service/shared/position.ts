/**
 * LSP positions to offsets for editor requests: a position outside the text (a line past the
 * end, a character past the line's end, negative numbers) has no offset, so features answer
 * it with nothing instead of with whatever the clamped offset happens to hold.
 */
import type { Analysis } from '../analysis';
import type { Position, Range } from '../types';

export function offsetOf(analysis: Analysis, position: Position | undefined | null): number | undefined {
  if (!position || !Number.isInteger(position.line) || !Number.isInteger(position.character)) return undefined;
  const lines = analysis.lines;
  if (position.line < 0 || position.character < 0 || position.line >= lines.lineCount) return undefined;
  const start = lines.offsetAt({ line: position.line, character: 0 });
  if (start + position.character > lines.lineEnd(position.line)) return undefined;
  return start + position.character;
}

/** Whether `inner` lies inside `outer` (ends included). */
export function rangeContains(outer: Range, inner: Range): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
