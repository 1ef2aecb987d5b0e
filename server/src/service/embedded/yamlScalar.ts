/**
 * The value of a YAML string scalar (block, double- or single-quoted, plain; JSON strings are
 * double-quoted YAML scalars) with an exact map back to its source. The map is rebuilt from
 * the source by the YAML rules and then checked against the value the `yaml` library read;
 * when the two disagree (a style this code does not follow), the whole value maps to the whole
 * scalar, which is coarse but never wrong about which scalar it is.
 */
import type { Scalar } from 'yaml';
import { MappedText, MappedTextBuilder } from './sourceMap';

export function mapScalar(host: string, node: Scalar): MappedText | undefined {
  if (typeof node.value !== 'string' || !node.range) return undefined;
  const [start, end] = node.range;
  const value = node.value;
  let mapped: MappedText | undefined;
  switch (node.type) {
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      mapped = mapBlock(host, start, end, value, node.type === 'BLOCK_FOLDED');
      break;
    case 'QUOTE_DOUBLE':
      mapped = mapFlow(host, start + 1, end - 1, 'double');
      break;
    case 'QUOTE_SINGLE':
      mapped = mapFlow(host, start + 1, end - 1, 'single');
      break;
    default:
      mapped = mapFlow(host, start, end, 'plain');
  }
  if (mapped && mapped.text === value) return mapped;
  return new MappedTextBuilder().mapped(value, start, end, 'generated').build();
}

function lineBreakLength(host: string, at: number): number {
  if (host[at] === '\r') return host[at + 1] === '\n' ? 2 : 1;
  return host[at] === '\n' ? 1 : 0;
}

/** Block scalar: content lines below the header, less their indentation, then chomping. */
function mapBlock(host: string, start: number, end: number, value: string, folded: boolean): MappedText | undefined {
  let contentStart = start;
  while (contentStart < end && !lineBreakLength(host, contentStart)) contentStart++;
  contentStart += lineBreakLength(host, contentStart);
  const lines: Array<{ start: number; end: number; breakLength: number }> = [];
  for (let at = contentStart; at < end;) {
    let lineEnd = at;
    while (lineEnd < end && !lineBreakLength(host, lineEnd)) lineEnd++;
    const breakLength = lineEnd < end ? lineBreakLength(host, lineEnd) : 0;
    lines.push({ start: at, end: lineEnd, breakLength });
    at = lineEnd + Math.max(1, breakLength);
  }
  const indents = new Set<number>();
  const header = host.slice(start, contentStart).match(/^[|>]([1-9])?[-+]?([1-9])?/);
  const explicit = Number(header?.[1] ?? header?.[2] ?? 0);
  if (explicit) {
    const lineStart = host.lastIndexOf('\n', start - 1) + 1;
    const parentIndent = /^ */.exec(host.slice(lineStart, start))![0].length;
    indents.add(parentIndent + explicit);
  }
  const firstContent = lines.find((l) => host.slice(l.start, l.end).trim() !== '');
  if (firstContent) indents.add(/^ */.exec(host.slice(firstContent.start, firstContent.end))![0].length);
  for (const indent of indents) {
    const builder = new MappedTextBuilder();
    const contents = lines.map((line) => ({ ...line, from: Math.min(line.start + indent, line.end) }));
    contents.forEach((line, index) => {
      builder.copy(host, line.from, line.end);
      const lineBreak = (text: string) => {
        if (text === '\n' && line.breakLength === 1) builder.copy(host, line.end, line.end + 1);
        else builder.mapped(text, line.end, line.end + line.breakLength, line.breakLength ? 'escape' : 'generated');
      };
      if (!folded || !isFoldable(host, line)) return lineBreak('\n');
      // Folding: a break between two plain lines is a space; empty lines between them stay.
      let next = index + 1;
      while (next < contents.length && contents[next].from === contents[next].end) next++;
      const following = contents[next];
      if (!following || !isFoldable(host, following)) return lineBreak('\n');
      if (next === index + 1) lineBreak(' ');
      else builder.mapped('', line.end, line.end, 'generated');
    });
    const raw = builder.build();
    // Chomping only removes trailing line breaks (and the spaces of trailing blank lines).
    if (raw.text.startsWith(value) && raw.text.slice(value.length).trim() === '') {
      return new MappedText(value, clip(raw, value.length));
    }
  }
  return undefined;
}

/** A folded block scalar folds the break after a line only between lines that are not more indented. */
function isFoldable(host: string, line: { from: number; end: number }): boolean {
  return line.from < line.end && host[line.from] !== ' ' && host[line.from] !== '\t';
}

function clip(mapped: MappedText, length: number) {
  return mapped.segments
    .filter((s) => s.text < length)
    .map((s) => {
      if (s.text + s.textLength <= length) return s;
      const textLength = length - s.text;
      return { ...s, textLength, hostLength: s.kind === 'copy' ? textLength : s.hostLength };
    });
}

const DOUBLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Quoted and plain scalars: escapes, and line folding (a line break reads as a space). */
function mapFlow(host: string, start: number, end: number, style: 'double' | 'single' | 'plain'): MappedText {
  const builder = new MappedTextBuilder();
  let at = start;
  let copyFrom = start;
  const flush = (to: number) => {
    builder.copy(host, copyFrom, to);
  };
  while (at < end) {
    const c = host[at];
    if (style === 'double' && c === '\\') {
      flush(at);
      const next = host[at + 1];
      if (lineBreakLength(host, at + 1)) {
        // An escaped line break joins the lines without a space.
        at = skipSpaces(host, at + 1 + lineBreakLength(host, at + 1), end);
        copyFrom = at;
        continue;
      }
      const hex = HEX_LENGTH[next];
      if (hex) {
        const digits = host.slice(at + 2, at + 2 + hex);
        builder.mapped(String.fromCodePoint(parseInt(digits, 16) || 0), at, at + 2 + hex, 'escape');
        at += 2 + hex;
      } else {
        builder.mapped(DOUBLE_ESCAPES[next] ?? next ?? '', at, at + 2, 'escape');
        at += 2;
      }
      copyFrom = at;
      continue;
    }
    if (style === 'single' && c === "'" && host[at + 1] === "'") {
      flush(at);
      builder.mapped("'", at, at + 2, 'escape');
      at += 2;
      copyFrom = at;
      continue;
    }
    if (lineBreakLength(host, at)) {
      // Folding: trailing spaces go, one break is a space, n breaks are n-1 newlines.
      let lineEnd = at;
      while (lineEnd > copyFrom && (host[lineEnd - 1] === ' ' || host[lineEnd - 1] === '\t')) lineEnd--;
      flush(lineEnd);
      let breaks = 0;
      let cursor = at;
      while (cursor < end) {
        const length = lineBreakLength(host, cursor);
        if (length) {
          breaks++;
          cursor += length;
        } else if (host[cursor] === ' ' || host[cursor] === '\t') {
          cursor++;
        } else break;
      }
      if (breaks === 1) builder.mapped(' ', at, at + lineBreakLength(host, at), 'escape');
      else builder.mapped('\n'.repeat(breaks - 1), at, cursor, 'escape');
      at = cursor;
      copyFrom = at;
      continue;
    }
    at++;
  }
  flush(end);
  return builder.build();
}

function skipSpaces(host: string, at: number, end: number): number {
  while (at < end && (host[at] === ' ' || host[at] === '\t')) at++;
  return at;
}
